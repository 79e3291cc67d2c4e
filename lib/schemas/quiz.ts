import { z } from "zod";
import { SLUG_PATTERN } from "./common";

/**
 * Quiz items of a question, written in `content/questions/<slug>.quiz.yaml` as `{ items: [...] }`.
 * These objects hold the answer key: they must only ever be read on the server.
 * Every option of every choice item carries a rationale (why it is right or wrong).
 */

const text = z.string().trim().min(1, "must not be empty");

/** The lab's one-click presets, each demonstrating one claim of the official answer (docs/LAB.md). */
export const LAB_PRESETS = ["cost", "small-data", "different-task", "negative-transfer", "in-practice", "cache"] as const;
export type LabPreset = (typeof LAB_PRESETS)[number];
const itemId = z.string().regex(SLUG_PATTERN, "must be kebab-case");

const ItemBase = {
  id: itemId,
  /** The item's prompt (Markdown; math and code allowed). */
  prompt: text,
  /** 0-based index into the question's key points that this item checks. */
  keyPoint: z.number().int().min(0),
  /** Optional lab preset that demonstrates the claim behind the item (the lab's presets, /lab?preset=…). */
  labPreset: z.enum(LAB_PRESETS).optional(),
};

export const ChoiceOptionSchema = z.strictObject({
  id: itemId,
  text,
  correct: z.boolean(),
  rationale: text,
});

export const SingleItemSchema = z
  .strictObject({ ...ItemBase, type: z.literal("single"), options: z.array(ChoiceOptionSchema).min(2).max(8) })
  .refine((i) => i.options.filter((o) => o.correct).length === 1, "a single-choice item needs exactly one correct option");

export const MultipleItemSchema = z
  .strictObject({ ...ItemBase, type: z.literal("multiple"), options: z.array(ChoiceOptionSchema).min(3).max(8) })
  .refine((i) => i.options.some((o) => o.correct), "a multiple-choice item needs at least one correct option");

export const TrueFalseItemSchema = z.strictObject({
  ...ItemBase,
  type: z.literal("truefalse"),
  answer: z.boolean(),
  /** Why the statement is true or false. */
  rationale: text,
});

export const NumericItemSchema = z.strictObject({
  ...ItemBase,
  type: z.literal("numeric"),
  answer: z.number().finite(),
  /** Absolute tolerance: a response r is right when |r − answer| ≤ tolerance. */
  tolerance: z.number().finite().min(0),
  unit: z.string().optional(),
  rationale: text,
});

export const OrderingItemSchema = z.strictObject({
  ...ItemBase,
  type: z.literal("ordering"),
  /** The entries in their correct order; shown shuffled. */
  entries: z
    .array(z.strictObject({ id: itemId, text }))
    .min(3)
    .max(8),
  rationale: text,
});

export const FreeTextItemSchema = z.strictObject({
  ...ItemBase,
  type: z.literal("freetext"),
  /** The checklist the candidate grades their own answer against. */
  rubric: z.array(text).min(2).max(7),
  modelAnswer: text,
});

export const QuizItemSchema = z.discriminatedUnion("type", [
  SingleItemSchema,
  MultipleItemSchema,
  TrueFalseItemSchema,
  NumericItemSchema,
  OrderingItemSchema,
  FreeTextItemSchema,
]);
export type QuizItem = z.infer<typeof QuizItemSchema>;
export type QuizItemType = QuizItem["type"];

export const QuizFileSchema = z.strictObject({
  items: z
    .array(QuizItemSchema)
    .min(1)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "item ids must be unique within a quiz"),
});
export type QuizFile = z.infer<typeof QuizFileSchema>;
