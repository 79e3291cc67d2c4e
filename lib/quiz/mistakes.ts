import type { ItemResult } from "./types";

/** The stored results of one submitted attempt; only these fields are read. */
export type AttemptResults = {
  submittedAt: Date | string;
  results: readonly Pick<ItemResult, "itemId" | "correct" | "score" | "max">[];
};

/**
 * "Retry my mistakes": ids of the items the candidate has not yet got right, judged by the latest
 * attempt that contained each item (retry quizzes hold only some items, so "latest" is per item).
 * An item answered wrong and later right is no longer a mistake. Wrong and partial count; a
 * self-graded item counts when the candidate gave themselves less than full marks (including when
 * they never self-graded). Ties on `submittedAt` go to the attempt later in the list.
 * Returns ids newest attempt first, in that attempt's item order, without duplicates.
 */
export function mistakesFrom(attempts: readonly AttemptResults[]): string[] {
  const newestFirst = attempts
    .map((a, index) => ({ a, index, t: new Date(a.submittedAt).getTime() }))
    .sort((x, y) => orderTime(y.t) - orderTime(x.t) || y.index - x.index);
  const seen = new Set<string>();
  const mistakes: string[] = [];
  for (const { a } of newestFirst) {
    for (const r of a.results) {
      if (seen.has(r.itemId)) continue;
      seen.add(r.itemId);
      if (isMistake(r)) mistakes.push(r.itemId);
    }
  }
  return mistakes;
}

function isMistake(r: Pick<ItemResult, "correct" | "score" | "max">): boolean {
  if (r.correct === "self-graded") return r.score < r.max;
  return r.correct !== "right";
}

// An unreadable date sorts as the oldest rather than poisoning the order with NaN.
function orderTime(t: number): number {
  return Number.isNaN(t) ? -Number.MAX_SAFE_INTEGER : t;
}
