import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { gradeAttempt } from "./grade";
import { shuffleWithSeed } from "./random";
import { scoreItem } from "./scoring";
import { attemptArb, itemArb, responseArb, seedArb, selfGradeArb } from "./test-arbitraries";
import type { QuizItem } from "./types";

// ≥ 1000 runs per property (docs/QUALITY.md Q2); fast-check prints the seed of any failure for replay.
const runs = { numRuns: 1000 };

/**
 * An independent reference for the two partial-credit rules, written from the rule text rather than
 * from the implementation: multiple = max(0, Σ chosen (correct ? 1/C : −1/W)); ordering = concordant
 * pairs / all pairs, counted over the key's positions; free text = distinct valid ticks / rubric length.
 */
function referenceScore(item: QuizItem, raw: unknown, selfGrade: unknown): number | undefined {
  const r = raw as { optionIds?: unknown; order?: unknown; text?: unknown } | undefined;
  if (item.type === "multiple" && Array.isArray(r?.optionIds) && new Set(r.optionIds).size === r.optionIds.length) {
    const C = item.options.filter((o) => o.correct).length;
    const W = item.options.length - C;
    const chosen = item.options.filter((o) => (r.optionIds as unknown[]).includes(o.id));
    if (chosen.length !== r.optionIds.length) return undefined;
    return Math.max(
      0,
      chosen.reduce((s, o) => s + (o.correct ? 1 / C : -1 / W), 0),
    );
  }
  if (item.type === "ordering" && Array.isArray(r?.order) && r.order.length === item.entries.length) {
    const pos = (id: unknown) => (r.order as unknown[]).indexOf(id);
    const ids = item.entries.map((e) => e.id);
    if (ids.some((id) => pos(id) < 0)) return undefined;
    let good = 0;
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) if (pos(ids[a]) < pos(ids[b])) good++;
    return good / ((ids.length * (ids.length - 1)) / 2);
  }
  if (item.type === "freetext" && typeof r?.text === "string" && r.text.trim() !== "" && Array.isArray(selfGrade)) {
    const valid = selfGrade.every((i) => Number.isInteger(i) && i >= 0 && i < item.rubric.length);
    return valid && new Set(selfGrade).size === selfGrade.length ? selfGrade.length / item.rubric.length : 0;
  }
  return undefined;
}

/** The item with its choice options (not ordering entries, whose order is the key) listed differently. */
function reorderOptions(item: QuizItem, seed: number): QuizItem {
  if (item.type !== "single" && item.type !== "multiple") return item;
  return QuizItemSchema.parse({ ...item, options: shuffleWithSeed(item.options, seed) });
}

const itemWithResponse = itemArb.chain((item) =>
  fc.tuple(responseArb(item), selfGradeArb(item)).map(([response, selfGrade]) => ({ item, response, selfGrade })),
);

describe("grading properties", () => {
  it("every score is within [0, max] and never throws, whatever the client sends", () => {
    fc.assert(
      fc.property(itemWithResponse, ({ item, response, selfGrade }) => {
        const r = scoreItem(item, response, selfGrade);
        expect(r.max).toBe(1);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(r.max);
        if (r.correct === "right") expect(r.score).toBe(r.max);
        if (r.correct === "wrong") expect(r.score).toBe(0);
      }),
      runs,
    );
  });

  it("agrees with an independent reference for the partial-credit rules", () => {
    fc.assert(
      fc.property(itemWithResponse, ({ item, response, selfGrade }) => {
        const expected = referenceScore(item, response, selfGrade);
        if (expected !== undefined) expect(scoreItem(item, response, selfGrade).score).toBeCloseTo(expected, 6);
      }),
      runs,
    );
  });

  it("does not depend on the order options are listed or shown in", () => {
    fc.assert(
      fc.property(itemWithResponse, seedArb, ({ item, response, selfGrade }, seed) => {
        const a = scoreItem(item, response, selfGrade);
        const b = scoreItem(reorderOptions(item, seed), response, selfGrade);
        expect(b.score).toBe(a.score);
        expect(b.correct).toBe(a.correct);
        const byId = (r: typeof a) => new Map(r.perOption?.map((o) => [o.id, o]));
        expect(byId(b)).toEqual(byId(a));
      }),
      runs,
    );
  });

  it("ignores every field a client adds to the payload or to a response (mass assignment)", () => {
    const junk = fc.constantFrom<unknown>(1, 100, true, "right", null, { value: true }, [1]);
    const extras = fc.record({ score: junk, isCorrect: junk, points: junk, correct: junk, max: junk, attemptId: junk, userId: junk });
    fc.assert(
      fc.property(attemptArb, extras, ({ items, responses, selfGrades }, extra) => {
        const honest = gradeAttempt(items, responses, selfGrades);
        // JSON.parse makes "__proto__" an own property, exactly as a request body would.
        const proto = JSON.parse('{"__proto__": {"score": 1, "correct": "right", "isCorrect": true}}') as object;
        const tampered: Record<string, unknown> = { ...extra, ...proto };
        for (const [id, r] of Object.entries(responses)) {
          tampered[id] = r !== null && typeof r === "object" && !Array.isArray(r) ? { ...r, ...extra, ...proto } : r;
        }
        expect(gradeAttempt(items, tampered, { ...selfGrades, ...extra, ...proto })).toEqual(honest);
      }),
      runs,
    );
  });

  it("totals are the sum of item scores over the item count", () => {
    fc.assert(
      fc.property(attemptArb, ({ items, responses, selfGrades }) => {
        const g = gradeAttempt(items, responses, selfGrades);
        expect(g.items.map((r) => r.itemId)).toEqual(items.map((i) => i.id));
        expect(g.max).toBe(items.length);
        expect(g.score).toBeCloseTo(
          g.items.reduce((s, r) => s + r.score, 0),
          6,
        );
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(g.max);
      }),
      runs,
    );
  });
});

describe("gradeAttempt", () => {
  const tf = QuizItemSchema.parse({ id: "constructor", type: "truefalse", prompt: "P", keyPoint: 0, answer: true, rationale: "R" });

  it("treats a non-object payload as all unanswered", () => {
    for (const payload of [null, undefined, 42, "x", [{ type: "truefalse", value: true }]]) {
      expect(gradeAttempt([tf], payload)).toMatchObject({ score: 0, max: 1, items: [{ reason: "not answered" }] });
    }
  });

  it("reads only own properties, so an item id like `constructor` can't pick up Object.prototype", () => {
    expect(gradeAttempt([tf], {}).items[0]?.reason).toBe("not answered");
    expect(gradeAttempt([tf], { constructor: { type: "truefalse", value: true } }).score).toBe(1);
  });

  it("does not let a client-sent score reach the result", () => {
    const g = gradeAttempt([tf], { score: 1, constructor: { type: "truefalse", value: false, score: 1, isCorrect: true } });
    expect(g).toEqual({ score: 0, max: 1, items: [{ itemId: "constructor", type: "truefalse", score: 0, max: 1, correct: "wrong" }] });
  });
});
