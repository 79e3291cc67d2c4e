import { retrievability, type RecallFields, type ReviewCard, type ReviewRating } from "@/lib/quiz/schedule";

/**
 * Mastery: how much of a question (and a topic) a candidate knows *now* (docs/decisions/025).
 *
 * - A quiz item's recall is its FSRS retrievability at `now` (the probability, by FSRS's forgetting curve,
 *   that the candidate still remembers it) times what the latest answer was worth: right 1, partly right
 *   0.5, wrong 0. Retrievability alone is 1 just after any review, a wrong one too; the weight keeps a
 *   fresh mistake from reading as mastered. An item never answered has 0.
 * - A question's quiz part is the mean recall of its current quiz items; its self-grade part is the
 *   fraction of key points the candidate ticked (their latest self-grade).
 * - A question's mastery is the mean of the parts it has evidence for (quiz, self-grade, or both); with
 *   neither it is 0. It is "mastered" at MASTERED (0.8) or above.
 * - A topic's mastery is the mean over all its questions, unseen ones counting 0: it reads as "the share
 *   of this topic you would get right today".
 */
export const MASTERED = 0.8;

/** What the latest answer was worth (ratingFor: wrong → again, partial → hard, right → good). Old cards without one count as right. */
const RATING_WEIGHT: Record<ReviewRating, number> = { again: 0, hard: 0.5, good: 1, easy: 1 };

/** The fields of a card that mastery reads. */
export type CardRecall = RecallFields & Pick<ReviewCard, "lastRating">;

export function itemRecall(card: CardRecall, now: Date): number {
  return retrievability(card, now) * RATING_WEIGHT[card.lastRating ?? "good"];
}

export type QuestionEvidence = {
  slug: string;
  topic: string;
  /** The question's current quiz item ids. */
  itemIds: readonly string[];
  /** The candidate's review cards of this question, by item id. */
  cards: ReadonlyMap<string, CardRecall>;
  selfGrade: { hit: number; total: number } | null;
  /** Started an attempt, or self-graded (or revealed) the answer. */
  seen: boolean;
  /** Submitted an attempt, or self-graded. */
  answered: boolean;
};

export type QuestionMastery = { slug: string; topic: string; mastery: number; seen: boolean; answered: boolean; mastered: boolean };

export function questionMastery(q: QuestionEvidence, now: Date): QuestionMastery {
  const parts: number[] = [];
  if (q.itemIds.length && q.itemIds.some((id) => q.cards.has(id))) {
    const recall = q.itemIds.map((id) => {
      const card = q.cards.get(id);
      return card ? itemRecall(card, now) : 0;
    });
    parts.push(recall.reduce((a, b) => a + b, 0) / recall.length);
  }
  if (q.selfGrade && q.selfGrade.total > 0) parts.push(Math.min(1, q.selfGrade.hit / q.selfGrade.total));
  const mastery = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0;
  return { slug: q.slug, topic: q.topic, mastery, seen: q.seen || parts.length > 0, answered: q.answered, mastered: mastery >= MASTERED };
}

export type TopicMastery = { topic: string; questions: number; seen: number; answered: number; mastered: number; mastery: number };

/** Per topic, in the order topics first appear in `questions`. */
export function topicMastery(questions: readonly QuestionMastery[]): TopicMastery[] {
  const byTopic = new Map<string, TopicMastery & { sum: number }>();
  for (const q of questions) {
    const t = byTopic.get(q.topic) ?? { topic: q.topic, questions: 0, seen: 0, answered: 0, mastered: 0, mastery: 0, sum: 0 };
    t.questions++;
    t.seen += q.seen ? 1 : 0;
    t.answered += q.answered ? 1 : 0;
    t.mastered += q.mastered ? 1 : 0;
    t.sum += q.mastery;
    byTopic.set(q.topic, t);
  }
  return [...byTopic.values()].map(({ sum, ...t }) => ({ ...t, mastery: t.questions ? sum / t.questions : 0 }));
}

/** The topic to work on next: lowest mastery; among equals, the one with fewer questions answered. */
export function weakestTopic(topics: readonly TopicMastery[]): TopicMastery | null {
  return [...topics].sort((a, b) => a.mastery - b.mastery || a.answered - b.answered)[0] ?? null;
}

/**
 * Consecutive active days (UTC) ending today, or ending yesterday while today has no activity yet
 * (a streak is not lost before the day is over). `days` are YYYY-MM-DD strings, any order, duplicates allowed.
 */
export function streak(days: readonly string[], now: Date): { current: number; longest: number } {
  const set = new Set(days);
  const sorted = [...set].sort();
  let longest = 0;
  let run = 0;
  let prev: number | null = null;
  for (const d of sorted) {
    const t = Date.parse(`${d}T00:00:00Z`);
    run = prev !== null && t - prev === DAY_MS ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = t;
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let cursor = set.has(isoDay(today)) ? today : today - DAY_MS;
  let current = 0;
  while (set.has(isoDay(cursor))) {
    current++;
    cursor -= DAY_MS;
  }
  return { current, longest };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
