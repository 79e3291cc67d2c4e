import { parseResponse, SelfGradeSchema } from "./responses";
import type { FreeTextResponse, MultipleResponse, NumericResponse, OrderingResponse, SingleResponse, TrueFalseResponse } from "./responses";
import {
  ITEM_MAX,
  roundScore,
  verdictFor,
  type FreeTextItem,
  type ItemResult,
  type ItemScore,
  type MultipleItem,
  type NumericItem,
  type OptionMark,
  type OrderingItem,
  type QuizItem,
  type SingleItem,
  type TrueFalseItem,
} from "./types";

/**
 * One scorer per item type. Each is total: ids that are not in the item, duplicates and other
 * nonsense give 0 with a reason instead of throwing, so a hostile payload can't fail a submit.
 * Every scorer depends only on *which* options were chosen, never on the order they are listed or
 * shown in, so shuffling cannot change a grade.
 */

function zero(reason: string): ItemScore {
  return { score: 0, max: ITEM_MAX, correct: "wrong", reason };
}

function hasDuplicates(ids: readonly unknown[]): boolean {
  return new Set(ids).size !== ids.length;
}

/** Single choice: 1 for the correct option, 0 otherwise. */
export function scoreSingle(item: SingleItem, response: SingleResponse): ItemScore {
  const chosen = item.options.find((o) => o.id === response.optionId);
  if (!chosen) return zero(`invalid response: "${response.optionId}" is not an option of this item`);
  const perOption: OptionMark[] = item.options.map((o) => ({
    id: o.id,
    chosen: o === chosen,
    correct: o.correct,
    points: o === chosen && o.correct ? 1 : 0,
  }));
  const score = chosen.correct ? ITEM_MAX : 0;
  return { score, max: ITEM_MAX, correct: verdictFor(score, ITEM_MAX), perOption };
}

/**
 * Multiple choice, partial credit as the issue asks: "+1/n per right choice, −1/n per wrong choice,
 * floor 0", with n made precise the way Moodle's multiple-answer convention does it (correct options'
 * fractions sum to +100 %, incorrect options' to −100 %):
 *   - each chosen correct option earns +1/C, C = number of correct options;
 *   - each chosen incorrect option costs −1/W, W = number of incorrect options;
 *   - score = max(0, sum), so 1 exactly when the chosen set is the correct set.
 * Why W and not C for the penalty: ticking every box then scores 1 − 1 = 0, so "select all" is never
 * a strategy, and one wrong tick costs the same share of the wrong options whatever the item's shape.
 * With W = 0 (every option correct) there is nothing to penalise.
 */
export function scoreMultiple(item: MultipleItem, response: MultipleResponse): ItemScore {
  const known = new Set(item.options.map((o) => o.id));
  const unknown = response.optionIds.find((id) => !known.has(id));
  if (unknown !== undefined) return zero(`invalid response: "${unknown}" is not an option of this item`);
  if (hasDuplicates(response.optionIds)) return zero("invalid response: an option is chosen twice");
  const chosen = new Set(response.optionIds);
  const nCorrect = item.options.filter((o) => o.correct).length;
  const nWrong = item.options.length - nCorrect;
  const perOption: OptionMark[] = item.options.map((o) => {
    const isChosen = chosen.has(o.id);
    const points = !isChosen ? 0 : o.correct ? 1 / nCorrect : -1 / nWrong;
    return { id: o.id, chosen: isChosen, correct: o.correct, points: roundScore(points) };
  });
  // Sum from counts, not from the rounded per-option points, so the total is exact for every order.
  const hits = item.options.filter((o) => o.correct && chosen.has(o.id)).length;
  const misses = chosen.size - hits;
  const raw = hits / nCorrect - (nWrong > 0 ? misses / nWrong : 0);
  const score = roundScore(Math.min(ITEM_MAX, Math.max(0, raw)));
  return { score, max: ITEM_MAX, correct: verdictFor(score, ITEM_MAX), perOption };
}

/** True/false: 1 when the value matches the answer. */
export function scoreTrueFalse(item: TrueFalseItem, response: TrueFalseResponse): ItemScore {
  const score = response.value === item.answer ? ITEM_MAX : 0;
  return { score, max: ITEM_MAX, correct: verdictFor(score, ITEM_MAX) };
}

/**
 * Numeric: right when |value − answer| ≤ tolerance (inclusive, as the schema documents). A relative
 * slack of 1e−9 absorbs binary rounding, so 0.4 against 0.3 ± 0.1 (|Δ| = 0.10000000000000003) counts.
 * NaN and ±Infinity are rejected by the response schema; the guard here keeps the scorer total anyway.
 */
export function scoreNumeric(item: NumericItem, response: NumericResponse): ItemScore {
  const value = response.value;
  if (!Number.isFinite(value)) return zero("invalid response: not a finite number");
  const slack = 1e-9 * Math.max(1, Math.abs(item.answer), Math.abs(item.tolerance));
  const score = Math.abs(value - item.answer) <= item.tolerance + slack ? ITEM_MAX : 0;
  return { score, max: ITEM_MAX, correct: verdictFor(score, ITEM_MAX) };
}

/**
 * Ordering, partial credit by correctly ordered pairs (Kendall-style): of the n(n−1)/2 pairs of entries,
 * the fraction the candidate put in the same relative order as the key. The reverse order scores 0.
 * Known trade-off: an untouched random start averages 1/2 (and is never the key order, see
 * `shuffleAwayFromKey`), so a half score on an ordering item means little. The response must be a permutation
 * of the item's entries: a partial list has no well-defined pair count.
 */
export function scoreOrdering(item: OrderingItem, response: OrderingResponse): ItemScore {
  const rank = new Map(item.entries.map((e, i) => [e.id, i]));
  const order = response.order;
  const unknown = order.find((id) => !rank.has(id));
  if (unknown !== undefined) return zero(`invalid response: "${unknown}" is not an entry of this item`);
  if (hasDuplicates(order)) return zero("invalid response: an entry appears twice");
  if (order.length !== item.entries.length) return zero("invalid response: every entry must be placed exactly once");
  const ranks = order.map((id) => rank.get(id) as number);
  let inOrder = 0;
  for (let i = 0; i < ranks.length; i++) {
    for (let j = i + 1; j < ranks.length; j++) if ((ranks[i] as number) < (ranks[j] as number)) inOrder++;
  }
  const pairs = (ranks.length * (ranks.length - 1)) / 2;
  const score = roundScore((inOrder / pairs) * ITEM_MAX);
  return { score, max: ITEM_MAX, correct: verdictFor(score, ITEM_MAX) };
}

/**
 * Free text, graded by the candidate after submit: score = ticked rubric points / rubric length,
 * always flagged `self-graded`. A blank answer scores 0 whatever is ticked. Until the self-grade
 * arrives (`selfGrade` undefined) the score is 0 with a reason, so nothing is awarded unclaimed.
 * The self-grade is untrusted input too: ticks out of range or repeated score 0 with a reason.
 */
export function scoreFreeText(item: FreeTextItem, response: FreeTextResponse, selfGrade?: unknown): ItemScore {
  const base = { max: ITEM_MAX, correct: "self-graded" as const };
  if (response.text.trim() === "") return { ...base, score: 0, reason: "not answered" };
  if (selfGrade === undefined || selfGrade === null) return { ...base, score: 0, reason: "awaiting self-grade" };
  const parsed = SelfGradeSchema.safeParse(selfGrade);
  if (!parsed.success) return { ...base, score: 0, reason: "invalid self-grade: expected a list of rubric point numbers" };
  const ticked = parsed.data;
  const outOfRange = ticked.find((i) => i >= item.rubric.length);
  if (outOfRange !== undefined) return { ...base, score: 0, reason: `invalid self-grade: rubric point ${outOfRange} does not exist` };
  if (hasDuplicates(ticked)) return { ...base, score: 0, reason: "invalid self-grade: a rubric point is ticked twice" };
  return { ...base, score: roundScore((ticked.length / item.rubric.length) * ITEM_MAX) };
}

/**
 * Grades one item from an untrusted raw response: validate the shape, then score. Never throws;
 * a blank or malformed response scores 0 and says why. `selfGrade` is read for free-text items only.
 */
export function scoreItem(item: QuizItem, raw: unknown, selfGrade?: unknown): ItemResult {
  const head = { itemId: item.id, type: item.type };
  const parsed = parseResponse(item, raw);
  if (!parsed.ok) {
    const correct = item.type === "freetext" ? "self-graded" : "wrong";
    return { ...head, score: 0, max: ITEM_MAX, correct, reason: parsed.reason };
  }
  return { ...head, ...scoreParsed(item, parsed.response, selfGrade) };
}

function scoreParsed(item: QuizItem, response: unknown, selfGrade: unknown): ItemScore {
  // parseResponse guarantees response.type === item.type; the casts restate that pairing.
  switch (item.type) {
    case "single":
      return scoreSingle(item, response as SingleResponse);
    case "multiple":
      return scoreMultiple(item, response as MultipleResponse);
    case "truefalse":
      return scoreTrueFalse(item, response as TrueFalseResponse);
    case "numeric":
      return scoreNumeric(item, response as NumericResponse);
    case "ordering":
      return scoreOrdering(item, response as OrderingResponse);
    case "freetext":
      return scoreFreeText(item, response as FreeTextResponse, selfGrade);
  }
}
