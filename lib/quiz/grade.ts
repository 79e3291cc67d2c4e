import { scoreItem } from "./scoring";
import { roundScore, type ItemResult, type QuizItem } from "./types";

/** The server's grade of a whole attempt. */
export type AttemptGrade = { items: ItemResult[]; score: number; max: number };

/**
 * Grades an attempt from the raw responses a client sent, keyed by item id, and the free-text
 * self-grades given after submit (also keyed by item id, each a list of ticked rubric indices).
 * Only the items' own ids are read, and only as own properties (`Object.hasOwn`), so `score`,
 * `isCorrect`, `__proto__` or an item id such as `constructor` can't inject or inherit anything;
 * every score is recomputed here. Items without a response count as unanswered. Never throws.
 */
export function gradeAttempt(items: readonly QuizItem[], responses: unknown, selfGrades?: unknown): AttemptGrade {
  const results = items.map((item) => scoreItem(item, ownValue(responses, item.id), ownValue(selfGrades, item.id)));
  return {
    items: results,
    score: roundScore(results.reduce((sum, r) => sum + r.score, 0)),
    max: results.reduce((sum, r) => sum + r.max, 0),
  };
}

/** `record[key]` if `record` is a plain object holding `key` itself; never an inherited value. */
function ownValue(record: unknown, key: string): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}
