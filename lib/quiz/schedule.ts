import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from "ts-fsrs";
import { z } from "zod";
import type { ItemResult } from "./types";

/**
 * Spaced review of quiz items with FSRS (ts-fsrs 5, https://github.com/open-spaced-repetition/ts-fsrs).
 * The card state is stored as plain JSON (ISO date strings, string state names) and validated on the
 * way back in, so the database never depends on ts-fsrs's classes or enum numbering.
 */

/** Rating of one review, the four FSRS grades by name. */
export type ReviewRating = "again" | "hard" | "good" | "easy";

const STATES = ["new", "learning", "review", "relearning"] as const;
const STATE_OF: Record<(typeof STATES)[number], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};
const GRADE_OF: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** A card's scheduling state as stored. */
export const ReviewCardSchema = z.strictObject({
  /** When the item is next due, ISO 8601. */
  due: z.iso.datetime(),
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0),
  scheduledDays: z.number().finite().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.enum(STATES),
  lastReview: z.iso.datetime().nullable(),
  /** The rating of the latest review (absent on cards stored before it was recorded). */
  lastRating: z.enum(["again", "hard", "good", "easy"]).optional(),
});
export type ReviewCard = z.infer<typeof ReviewCardSchema>;

/** ts-fsrs' defaults: 90% recall requested, intervals up to 100 years. */
export const DEFAULT_RETENTION = 0.9;
export const DEFAULT_MAXIMUM_INTERVAL_DAYS = 36500;
/** With an interview date: ask FSRS for 95% recall, so reviews come sooner and more often. */
export const INTERVIEW_RETENTION = 0.95;

export type SchedulerParams = { request_retention: number; maximum_interval: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * ts-fsrs' own parameters for a candidate. Without an interview date (or once it has passed) they are
 * ts-fsrs' defaults. Before an interview the requested retention rises to 95% and the maximum interval
 * ends the day before the interview, so every card scheduled now comes back at least once before it.
 */
export function schedulerParams(now: Date, interviewDate: Date | null): SchedulerParams {
  if (!interviewDate) return { request_retention: DEFAULT_RETENTION, maximum_interval: DEFAULT_MAXIMUM_INTERVAL_DAYS };
  const daysLeft = Math.floor((interviewDate.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < 1) return { request_retention: DEFAULT_RETENTION, maximum_interval: DEFAULT_MAXIMUM_INTERVAL_DAYS };
  return { request_retention: INTERVIEW_RETENTION, maximum_interval: Math.max(1, Math.min(DEFAULT_MAXIMUM_INTERVAL_DAYS, daysLeft - 1)) };
}

// No fuzz: the same history always gives the same due date, which keeps scheduling testable and replayable.
const schedulers = new Map<string, ReturnType<typeof fsrs>>();
function schedulerFor(params: SchedulerParams) {
  const key = `${params.request_retention}:${params.maximum_interval}`;
  let s = schedulers.get(key);
  if (!s) schedulers.set(key, (s = fsrs({ enable_fuzz: false, ...params })));
  return s;
}

/**
 * How a quiz result feeds FSRS: wrong → again, partial → hard, right → good. A self-graded item maps
 * by its fraction the same way (0 → again, full → good, between → hard). "easy" is never inferred
 * from a quiz: answering right says nothing about effort, so only a candidate could claim it.
 */
export function ratingFor(result: Pick<ItemResult, "correct" | "score" | "max">): ReviewRating {
  const verdict =
    result.correct !== "self-graded" ? result.correct : result.score >= result.max ? "right" : result.score <= 0 ? "wrong" : "partial";
  return verdict === "right" ? "good" : verdict === "partial" ? "hard" : "again";
}

/** The card after one review at `now`. A null card is an item never reviewed before. */
export function scheduleReview(
  card: ReviewCard | null,
  rating: ReviewRating,
  now: Date,
  params: SchedulerParams = schedulerParams(now, null),
): ReviewCard {
  const current = card === null ? createEmptyCard(now) : toFsrsCard(card);
  return { ...fromFsrsCard(schedulerFor(params).next(current, now, GRADE_OF[rating]).card), lastRating: rating };
}

/** What retrievability needs of a card (the dashboard reads only these fields). */
export type RecallFields = Pick<ReviewCard, "state" | "lastReview" | "stability">;

/**
 * The probability (0–1) that the candidate still recalls the item at `now`, by FSRS's forgetting curve
 * with the default parameters (ts-fsrs `get_retrievability`). A card never reviewed has none (0).
 */
export function retrievability(card: RecallFields, now: Date): number {
  if (card.state === "new" || card.lastReview === null) return 0;
  // get_retrievability reads only state, last_review and stability; the other fields are placeholders.
  const fsrsCard: Card = {
    due: now,
    stability: card.stability,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: STATE_OF[card.state],
    last_review: new Date(card.lastReview),
  };
  const r = schedulerFor(schedulerParams(now, null)).get_retrievability(fsrsCard, now, false);
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

/** Whether the card is due at `now` (inclusive). */
export function isDue(card: Pick<ReviewCard, "due">, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}

function toFsrsCard(c: ReviewCard): Card {
  const card: Card = {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review on every review; not worth storing.
    elapsed_days: 0,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: STATE_OF[c.state],
  };
  if (c.lastReview !== null) card.last_review = new Date(c.lastReview);
  return card;
}

function fromFsrsCard(c: Card): ReviewCard {
  const state = STATES.find((s) => STATE_OF[s] === c.state);
  if (state === undefined) throw new Error(`ts-fsrs returned an unknown state ${String(c.state)}`);
  return {
    due: c.due.toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state,
    lastReview: c.last_review ? c.last_review.toISOString() : null,
  };
}
