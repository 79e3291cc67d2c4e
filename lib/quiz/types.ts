import type { z } from "zod";
import type { ChoiceOptionSchema, QuizItem, QuizItemType } from "@/lib/schemas/quiz";

/**
 * Shared shapes of the quiz engine. Items come from `@/lib/schemas/quiz` (the contract, holding the
 * answer key); results are what the server computes and stores, never what a client sends.
 */

export type { QuizItem, QuizItemType };
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;
export type ItemOfType<T extends QuizItemType> = Extract<QuizItem, { type: T }>;
export type SingleItem = ItemOfType<"single">;
export type MultipleItem = ItemOfType<"multiple">;
export type TrueFalseItem = ItemOfType<"truefalse">;
export type NumericItem = ItemOfType<"numeric">;
export type OrderingItem = ItemOfType<"ordering">;
export type FreeTextItem = ItemOfType<"freetext">;

/**
 * The verdict on one item. `self-graded` marks free-text items, whose score is the candidate's own
 * judgement against the rubric: shown and stored as such, never presented as machine-checked.
 */
export type Verdict = "right" | "partial" | "wrong" | "self-graded";

/** How one option of a choice item counted: `points` is its signed contribution before the floor at 0. */
export type OptionMark = { id: string; chosen: boolean; correct: boolean; points: number };

/** The server's grade of one item. Every item is worth `max` = 1 point. */
export type ItemResult = {
  itemId: string;
  type: QuizItemType;
  /** In [0, max], rounded to 6 decimals so stored totals are stable. */
  score: number;
  max: number;
  correct: Verdict;
  /** Choice items only, in the item's authored option order. */
  perOption?: OptionMark[];
  /** Set when the score is 0 because the response was missing or malformed, or a free-text item awaits its self-grade. */
  reason?: string;
};

/** What a scorer decides; `scoreItem` adds the item's id and type. */
export type ItemScore = Omit<ItemResult, "itemId" | "type">;

/** Every item is worth one point, so a quiz's max is its item count and partial credit is a fraction. */
export const ITEM_MAX = 1;

/** Rounds away binary floating-point noise (2/3 − 1/3 …) so equal work always stores the same number. */
export function roundScore(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** right at max, wrong at 0, partial in between. */
export function verdictFor(score: number, max: number): Exclude<Verdict, "self-graded"> {
  if (score >= max) return "right";
  if (score <= 0) return "wrong";
  return "partial";
}
