import { z } from "zod";
import { SlugSchema } from "@/lib/schemas/common";
import { text } from "@/lib/schemas/input";
import type { ItemResult } from "@/lib/quiz/types";

/** The request bodies and stored JSON of a quiz attempt (server/data/attempts.ts, /api/v1/attempts). */

export const AttemptStatusSchema = z.enum(["in_progress", "submitted"]);
export type AttemptStatus = z.infer<typeof AttemptStatusSchema>;

/** "full": every item; "mistakes": only the items not yet right; "review": this question's items due in the review queue (signed in). */
export const AttemptModeSchema = z.enum(["full", "mistakes", "review"]);
export type AttemptMode = z.infer<typeof AttemptModeSchema>;

/** A response by item id, as the client sends it; each is checked against its item's type before it is stored. */
const AnswersSchema = z.record(text().max(100), z.unknown());

export const StartAttemptSchema = z.object({
  slug: SlugSchema,
  mode: AttemptModeSchema.default("full"),
  /** Optional time limit in minutes (1–180). */
  timeLimitMinutes: z.coerce.number().int().min(1).max(180).optional(),
  /** Items and options are always shuffled for a candidate (issue 8): only `true` is accepted, for old clients. */
  shuffle: z.literal(true, "Items and options are always shuffled for candidates.").optional(),
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
  /** The answersVersion the client last saw: a stale submit is a conflict, exactly like a stale save (decision 005). */
  version: z.number().int().min(0),
});

export const SelfGradeSchema = z.object({ itemId: text().max(100), ticked: z.array(z.number().int().min(0).max(63)).max(64) });

/** One graded item as stored in `quiz_attempts.results`. */
export const ItemResultSchema = z.object({
  itemId: text(),
  type: z.enum(["single", "multiple", "truefalse", "numeric", "ordering", "freetext"]),
  score: z.number(),
  max: z.number(),
  correct: z.enum(["right", "partial", "wrong", "self-graded"]),
  perOption: z.array(z.object({ id: text(), chosen: z.boolean(), correct: z.boolean(), points: z.number() })).optional(),
  reason: text().optional(),
}) satisfies z.ZodType<ItemResult>;
export const ItemResultsSchema = z.array(ItemResultSchema);
