import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAXIMUM_INTERVAL_DAYS,
  DEFAULT_RETENTION,
  INTERVIEW_RETENTION,
  isDue,
  ratingFor,
  retrievability,
  ReviewCardSchema,
  scheduleReview,
  schedulerParams,
  type ReviewCard,
} from "./schedule";

const now = new Date("2026-03-01T09:00:00.000Z");
const DAY = 86_400_000;

describe("ratingFor", () => {
  it("maps wrong → again, partial → hard, right → good", () => {
    expect(ratingFor({ correct: "wrong", score: 0, max: 1 })).toBe("again");
    expect(ratingFor({ correct: "partial", score: 0.5, max: 1 })).toBe("hard");
    expect(ratingFor({ correct: "right", score: 1, max: 1 })).toBe("good");
  });
  it("maps a self-graded item by its fraction", () => {
    expect(ratingFor({ correct: "self-graded", score: 0, max: 1 })).toBe("again");
    expect(ratingFor({ correct: "self-graded", score: 0.6, max: 1 })).toBe("hard");
    expect(ratingFor({ correct: "self-graded", score: 1, max: 1 })).toBe("good");
  });
});

describe("scheduleReview", () => {
  it("starts a new card and returns plain, valid, JSON-safe state", () => {
    const card = scheduleReview(null, "good", now);
    expect(ReviewCardSchema.parse(card)).toEqual(card);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(card).toMatchObject({ reps: 1, lapses: 0, lastReview: now.toISOString() });
    expect(Date.parse(card.due)).toBeGreaterThan(now.getTime());
  });

  it("is deterministic (no fuzz), so a stored history replays to the same due date", () => {
    expect(scheduleReview(null, "hard", now)).toEqual(scheduleReview(null, "hard", now));
  });

  it("spaces a remembered item out further with each good review", () => {
    let card: ReviewCard | null = null;
    let t = now;
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      card = scheduleReview(card, "good", t);
      intervals.push(Date.parse(card.due) - t.getTime());
      t = new Date(card.due);
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThanOrEqual(intervals[i - 1] as number);
    expect(intervals.at(-1)).toBeGreaterThan(DAY);
    expect(card?.state).toBe("review");
  });

  it("brings a forgotten review card back soon and counts the lapse", () => {
    let card = scheduleReview(null, "good", now);
    let t = new Date(card.due);
    card = scheduleReview(card, "good", t);
    t = new Date(card.due);
    card = scheduleReview(card, "good", t);
    expect(card.state).toBe("review");
    const lapsed = scheduleReview(card, "again", new Date(card.due));
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.state).toBe("relearning");
    expect(Date.parse(lapsed.due) - Date.parse(card.due)).toBeLessThan(DAY);
  });

  it("orders ratings: again ≤ hard ≤ good ≤ easy in time to the next review", () => {
    const base = scheduleReview(scheduleReview(null, "good", now), "good", new Date(now.getTime() + DAY));
    const at = new Date(Date.parse(base.due));
    const due = (["again", "hard", "good", "easy"] as const).map((r) => Date.parse(scheduleReview(base, r, at).due));
    expect([...due].sort((a, b) => a - b)).toEqual(due);
  });
});

describe("isDue", () => {
  it("is due at and after the due date, not before", () => {
    const card = scheduleReview(null, "good", now);
    const due = Date.parse(card.due);
    expect(isDue(card, new Date(due - 1))).toBe(false);
    expect(isDue(card, new Date(due))).toBe(true);
    expect(isDue(card, new Date(due + DAY))).toBe(true);
  });
});

describe("schedulerParams (interview date)", () => {
  it("uses ts-fsrs' defaults without an interview date or once it has passed", () => {
    expect(schedulerParams(now, null)).toEqual({ request_retention: DEFAULT_RETENTION, maximum_interval: DEFAULT_MAXIMUM_INTERVAL_DAYS });
    expect(schedulerParams(now, new Date(now.getTime() - DAY))).toEqual(schedulerParams(now, null));
  });

  it("before an interview asks for higher retention and ends the maximum interval before the date", () => {
    const interview = new Date(now.getTime() + 10 * DAY);
    expect(schedulerParams(now, interview)).toEqual({ request_retention: INTERVIEW_RETENTION, maximum_interval: 9 });
    expect(schedulerParams(now, new Date(now.getTime() + DAY + 1000)).maximum_interval).toBe(1);
  });

  it("schedules every review of a well-known item before the interview", () => {
    const interview = new Date(now.getTime() + 20 * DAY);
    let card: ReviewCard | null = null;
    let t = now;
    for (let i = 0; i < 8; i++) {
      card = scheduleReview(card, "good", t, schedulerParams(t, interview));
      if (t.getTime() + DAY >= interview.getTime()) break;
      expect(Date.parse(card.due)).toBeLessThan(interview.getTime());
      t = new Date(card.due);
    }
    // Without the interview the same history spaces out beyond it.
    let free: ReviewCard | null = null;
    let u = now;
    for (let i = 0; i < 8; i++) {
      free = scheduleReview(free, "good", u);
      u = new Date(free.due);
    }
    expect(u.getTime()).toBeGreaterThan(interview.getTime());
  });
});

describe("retrievability", () => {
  it("is 0 for a new card, near 1 right after a review, and falls with time", () => {
    const card = scheduleReview(null, "good", now);
    expect(retrievability(card, now)).toBeGreaterThan(0.99);
    expect(retrievability(card, new Date(now.getTime() + 30 * DAY))).toBeLessThan(retrievability(card, new Date(now.getTime() + DAY)));
  });
});
