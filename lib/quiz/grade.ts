import { scoreItem } from "./scoring";
import { roundScore, type ItemResult, type QuizItem } from "./types";

/** The server's grade of a whole attempt. */
export type AttemptGrade = { items: ItemResult[]; score: number; max: number };

/**
 * Grades an attempt from the raw responses a client sent, keyed by item id. Only the items' own ids
 * are read, and only as own properties (`Object.hasOwn`), so `score`, `isCorrect`, `__proto__` or an
 * item id such as `constructor` can't inject or inherit anything; every score is recomputed here.
 * Items without a response count as unanswered. Never throws.
 */
export function gradeAttempt(items: readonly QuizItem[], responses: unknown): AttemptGrade {
  const byId = isRecord(responses) ? responses : {};
  const results = items.map((item) => scoreItem(item, Object.hasOwn(byId, item.id) ? byId[item.id] : undefined));
  return {
    items: results,
    score: roundScore(results.reduce((sum, r) => sum + r.score, 0)),
    max: results.reduce((sum, r) => sum + r.max, 0),
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
