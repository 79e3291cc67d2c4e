import { z } from "zod";
import { SlugSchema } from "@/lib/schemas/common";
import type { ItemResult } from "@/lib/quiz/types";

/** The request bodies and stored JSON of a quiz attempt (server/data/attempts.ts, /api/v1/attempts). */

export const AttemptStatusSchema = z.enum(["in_progress", "submitted"]);
export type AttemptStatus = z.infer<typeof AttemptStatusSchema>;

/** "full": every item; "mistakes": only the items the candidate has not yet got right. */
export const AttemptModeSchema = z.enum(["full", "mistakes"]);
export type AttemptMode = z.infer<typeof AttemptModeSchema>;

/** A response by item id, as the client sends it; each is checked against its item's type before it is stored. */
const AnswersSchema = z.record(z.string().max(100), z.unknown());

export const StartAttemptSchema = z.object({
  slug: SlugSchema,
  mode: AttemptModeSchema.default("full"),
  /** Optional time limit in minutes (1–180). */
  timeLimitMinutes: z.coerce.number().int().min(1).max(180).optional(),
  shuffle: z.boolean().default(true),
});
export type StartAttemptInput = z.input<typeof StartAttemptSchema>;

export const SaveAnswersSchema = z.object({
  /** The answersVersion the client last saw; a stale tab gets a conflict instead of overwriting newer answers. */
  version: z.number().int().min(0),
  /** Responses by item id; null clears an answer. */
  answers: AnswersSchema.refine((a) => Object.keys(a).length <= 64, "too many answers"),
});

export const SubmitAttemptSchema = z.object({
  /** Optional final answers sent with the submit (counted only if saved before the deadline). */
  answers: AnswersSchema.optional(),
  version: z.number().int().min(0).optional(),
});

export const SelfGradeSchema = z.object({ itemId: z.string().max(100), ticked: z.array(z.number().int().min(0).max(63)).max(64) });

/** One graded item as stored in `quiz_attempts.results`. */
export const ItemResultSchema = z.object({
  itemId: z.string(),
  type: z.enum(["single", "multiple", "truefalse", "numeric", "ordering", "freetext"]),
  score: z.number(),
  max: z.number(),
  correct: z.enum(["right", "partial", "wrong", "self-graded"]),
  perOption: z.array(z.object({ id: z.string(), chosen: z.boolean(), correct: z.boolean(), points: z.number() })).optional(),
  reason: z.string().optional(),
}) satisfies z.ZodType<ItemResult>;
export const ItemResultsSchema = z.array(ItemResultSchema);
