import type { PublicQuizItem } from "./present";
import { parseResponse, SelfGradeSchema } from "./responses";
import type { LabPreset } from "@/lib/schemas/quiz";
import type { ItemResult, QuizItem, Verdict } from "./types";

/**
 * The post-submit review of one item: the whole key with the candidate's answer beside it, so they
 * learn why each option is right or wrong. Only build this once the attempt is submitted and the
 * review policy allows it (docs/QUALITY.md Q10); the caller decides when, this module only decides what.
 */

type ReviewResult = { score: number; max: number; correct: Verdict; reason?: string };

type ReviewBase<T extends QuizItem["type"]> = {
  id: string;
  type: T;
  prompt: string;
  /** 0-based index of the question's key point this item checks, for the "read more" link. */
  keyPoint: number;
  labPreset?: LabPreset;
  result: ReviewResult;
};

export type ReviewOption = { id: string; text: string; correct: boolean; rationale: string; chosen: boolean };

export type ReviewChoiceItem = ReviewBase<"single" | "multiple"> & { options: ReviewOption[] };
export type ReviewTrueFalseItem = ReviewBase<"truefalse"> & { answer: boolean; rationale: string; given: boolean | null };
export type ReviewNumericItem = ReviewBase<"numeric"> & {
  answer: number;
  tolerance: number;
  unit?: string;
  rationale: string;
  given: number | null;
};
export type ReviewOrderingItem = ReviewBase<"ordering"> & {
  /** Entries in the key order. */
  entries: { id: string; text: string }[];
  /** The candidate's order (entry ids), or null when blank or invalid. */
  given: string[] | null;
  /** The order the entries were shown in, when the caller passed the public view. */
  shown?: string[];
  rationale: string;
};
export type ReviewFreeTextItem = ReviewBase<"freetext"> & {
  rubric: { text: string; ticked: boolean }[];
  modelAnswer: string;
  given: string | null;
};
export type ReviewItem = ReviewChoiceItem | ReviewTrueFalseItem | ReviewNumericItem | ReviewOrderingItem | ReviewFreeTextItem;

export type ReviewContext = {
  /** The item's public view from `presentQuiz` with the attempt's seed: options are listed in the order the candidate saw. */
  seen?: PublicQuizItem;
  /** The stored free-text self-grade (ticked rubric indices), to show which points were claimed. */
  selfGrade?: unknown;
};

/**
 * Builds the review of one item from the stored response and the stored result (never regraded here:
 * the stored result is what counted, docs/QUALITY.md Q9).
 */
export function reviewItem(item: QuizItem, response: unknown, result: ItemResult, { seen, selfGrade }: ReviewContext = {}): ReviewItem {
  const base = {
    id: item.id,
    prompt: item.prompt,
    keyPoint: item.keyPoint,
    ...(item.labPreset === undefined ? {} : { labPreset: item.labPreset }),
    result: {
      score: result.score,
      max: result.max,
      correct: result.correct,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    },
  };
  const parsed = parseResponse(item, response);
  const given = parsed.ok ? parsed.response : null;
  switch (item.type) {
    case "single":
    case "multiple": {
      const chosen = new Set(
        given === null ? [] : given.type === "single" ? [given.optionId] : given.type === "multiple" ? given.optionIds : [],
      );
      const options = inSeenOrder(item.options, seenIds(seen)).map((o) => ({
        id: o.id,
        text: o.text,
        correct: o.correct,
        rationale: o.rationale,
        chosen: chosen.has(o.id),
      }));
      return { ...base, type: item.type, options };
    }
    case "truefalse":
      return {
        ...base,
        type: "truefalse",
        answer: item.answer,
        rationale: item.rationale,
        given: given?.type === "truefalse" ? given.value : null,
      };
    case "numeric":
      return {
        ...base,
        type: "numeric",
        answer: item.answer,
        tolerance: item.tolerance,
        ...(item.unit === undefined ? {} : { unit: item.unit }),
        rationale: item.rationale,
        given: given?.type === "numeric" ? given.value : null,
      };
    case "ordering": {
      const shown = seenIds(seen);
      return {
        ...base,
        type: "ordering",
        entries: item.entries.map((e) => ({ id: e.id, text: e.text })),
        given: given?.type === "ordering" && result.reason === undefined ? given.order : null,
        ...(shown === undefined ? {} : { shown }),
        rationale: item.rationale,
      };
    }
    case "freetext": {
      const grade = SelfGradeSchema.safeParse(selfGrade);
      const ticked = new Set(grade.success && result.reason === undefined ? grade.data : []);
      return {
        ...base,
        type: "freetext",
        rubric: item.rubric.map((text, i) => ({ text, ticked: ticked.has(i) })),
        modelAnswer: item.modelAnswer,
        given: given?.type === "freetext" ? given.text : null,
      };
    }
  }
}

function seenIds(seen: PublicQuizItem | undefined): string[] | undefined {
  if (seen === undefined) return undefined;
  if (seen.type === "single" || seen.type === "multiple") return seen.options.map((o) => o.id);
  if (seen.type === "ordering") return seen.entries.map((e) => e.id);
  return undefined;
}

/** The options in the order shown; any the view doesn't mention (it shouldn't happen) keep their authored place at the end. */
function inSeenOrder<T extends { id: string }>(options: readonly T[], order: string[] | undefined): T[] {
  if (order === undefined) return options.slice();
  const pos = new Map(order.map((id, i) => [id, i]));
  return options.slice().sort((a, b) => (pos.get(a.id) ?? order.length) - (pos.get(b.id) ?? order.length));
}
