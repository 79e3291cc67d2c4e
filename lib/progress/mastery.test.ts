import { describe, expect, it } from "vitest";
import { scheduleReview, type ReviewCard } from "@/lib/quiz/schedule";
import { MASTERED, questionMastery, streak, topicMastery, weakestTopic, type QuestionEvidence } from "./mastery";

const now = new Date("2026-12-02T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * DAY);

function ev(over: Partial<QuestionEvidence> = {}): QuestionEvidence {
  return { slug: "q", topic: "t", itemIds: ["a", "b"], cards: new Map(), selfGrade: null, seen: false, answered: false, ...over };
}

describe("questionMastery", () => {
  it("is 0 and unseen without any evidence", () => {
    expect(questionMastery(ev(), now)).toMatchObject({ mastery: 0, seen: false, answered: false, mastered: false });
  });

  it("uses FSRS retrievability: just answered right is near 1, an unanswered item counts 0", () => {
    const fresh = scheduleReview(null, "good", now);
    const one = questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", fresh]]) }), now);
    expect(one.mastery).toBeGreaterThan(0.99);
    const half = questionMastery(ev({ cards: new Map([["a", fresh]]) }), now);
    expect(half.mastery).toBeCloseTo(one.mastery / 2, 5);
  });

  it("decays with time since the review; a wrong answer counts 0, a partly right one half", () => {
    const right = scheduleReview(null, "good", ago(30));
    const r = questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", right]]) }), now).mastery;
    expect(r).toBeLessThan(0.99);
    expect(r).toBeGreaterThan(0);
    const wrongNow = scheduleReview(null, "again", now);
    expect(questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", wrongNow]]) }), now)).toMatchObject({
      mastery: 0,
      seen: true,
      mastered: false,
    });
    const hardNow = scheduleReview(null, "hard", now);
    expect(questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", hardNow]]) }), now).mastery).toBeCloseTo(0.5, 2);
  });

  it("averages the quiz part and the self-grade part; a self-grade alone counts", () => {
    expect(questionMastery(ev({ selfGrade: { hit: 3, total: 7 } }), now).mastery).toBeCloseTo(3 / 7, 10);
    const card: ReviewCard = scheduleReview(null, "good", now);
    const both = questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", card]]), selfGrade: { hit: 1, total: 2 } }), now);
    expect(both.mastery).toBeCloseTo((questionMastery(ev({ itemIds: ["a"], cards: new Map([["a", card]]) }), now).mastery + 0.5) / 2, 10);
    expect(both.seen).toBe(true);
  });

  it(`is mastered at ${MASTERED} and above`, () => {
    expect(questionMastery(ev({ selfGrade: { hit: 4, total: 5 } }), now).mastered).toBe(true);
    expect(questionMastery(ev({ selfGrade: { hit: 3, total: 5 } }), now).mastered).toBe(false);
  });
});

describe("topicMastery and weakestTopic", () => {
  it("averages over every question of the topic, unseen ones as 0, and counts seen/answered/mastered", () => {
    const qs = [
      questionMastery(ev({ slug: "1", topic: "x", selfGrade: { hit: 1, total: 1 }, answered: true }), now),
      questionMastery(ev({ slug: "2", topic: "x" }), now),
      questionMastery(ev({ slug: "3", topic: "y", selfGrade: { hit: 1, total: 4 }, answered: true }), now),
    ];
    const topics = topicMastery(qs);
    expect(topics).toEqual([
      { topic: "x", questions: 2, seen: 1, answered: 1, mastered: 1, mastery: 0.5 },
      { topic: "y", questions: 1, seen: 1, answered: 1, mastered: 0, mastery: 0.25 },
    ]);
    expect(weakestTopic(topics)?.topic).toBe("y");
    expect(weakestTopic([])).toBeNull();
  });
});

describe("streak", () => {
  it("counts consecutive days ending today, or yesterday while today is still empty", () => {
    expect(streak(["2026-12-02", "2026-12-01", "2026-11-30", "2026-11-28"], now)).toEqual({ current: 3, longest: 3 });
    expect(streak(["2026-12-01", "2026-11-30"], now)).toEqual({ current: 2, longest: 2 });
    expect(streak(["2026-11-29", "2026-11-30"], now)).toEqual({ current: 0, longest: 2 });
    expect(streak([], now)).toEqual({ current: 0, longest: 0 });
  });
  it("ignores duplicates and order, and finds the longest run in the past", () => {
    expect(streak(["2026-10-03", "2026-10-01", "2026-10-02", "2026-10-02", "2026-10-04", "2026-12-02"], now)).toEqual({
      current: 1,
      longest: 4,
    });
  });
});
