import { describe, expect, it } from "vitest";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { scoreItem } from "./scoring";
import type { QuizItem } from "./types";

const item = (raw: unknown): QuizItem => QuizItemSchema.parse(raw);
const opt = (id: string, correct: boolean) => ({ id, text: `Option ${id}`, correct, rationale: `Because ${id}` });
const base = { prompt: "Prompt", keyPoint: 0 };

const single = item({ ...base, id: "s", type: "single", options: [opt("a", false), opt("b", true), opt("c", false)] });
// 2 correct (a, b), 3 incorrect (c, d, e): +1/2 per right tick, −1/3 per wrong tick.
const multiple = item({
  ...base,
  id: "m",
  type: "multiple",
  options: [opt("a", true), opt("b", true), opt("c", false), opt("d", false), opt("e", false)],
});
const allCorrect = item({ ...base, id: "all", type: "multiple", options: [opt("a", true), opt("b", true), opt("c", true)] });
const truefalse = item({ ...base, id: "tf", type: "truefalse", answer: false, rationale: "Why" });
const numeric = item({ ...base, id: "n", type: "numeric", answer: 0.3, tolerance: 0.1, rationale: "Why" });
const exact = item({ ...base, id: "x", type: "numeric", answer: 2245, tolerance: 0, rationale: "Why" });
const entries = ["one", "two", "three", "four"].map((id) => ({ id, text: id }));
const ordering = item({ ...base, id: "o", type: "ordering", entries, rationale: "Why" });
const freetext = item({ ...base, id: "f", type: "freetext", rubric: ["p1", "p2", "p3", "p4"], modelAnswer: "Model" });

describe("single choice", () => {
  it("gives 1 for the correct option and 0 for another", () => {
    expect(scoreItem(single, { type: "single", optionId: "b" })).toMatchObject({ score: 1, max: 1, correct: "right" });
    expect(scoreItem(single, { type: "single", optionId: "a" })).toMatchObject({ score: 0, correct: "wrong" });
  });
  it("marks every option, chosen or not", () => {
    const r = scoreItem(single, { type: "single", optionId: "a" });
    expect(r.perOption).toEqual([
      { id: "a", chosen: true, correct: false, points: 0 },
      { id: "b", chosen: false, correct: true, points: 0 },
      { id: "c", chosen: false, correct: false, points: 0 },
    ]);
  });
  it("scores an unknown option 0 with a reason", () => {
    const r = scoreItem(single, { type: "single", optionId: "zzz" });
    expect(r).toMatchObject({ score: 0, correct: "wrong" });
    expect(r.reason).toMatch(/not an option/);
  });
});

describe("multiple choice (+1/C per right tick, −1/W per wrong tick, floor 0)", () => {
  const grade = (optionIds: string[]) => scoreItem(multiple, { type: "multiple", optionIds });
  it.each([
    [["a", "b"], 1, "right"],
    [["a"], 0.5, "partial"],
    [["a", "b", "c"], 0.666667, "partial"], // 1 − 1/3
    [["a", "c"], 0.166667, "partial"], // 1/2 − 1/3
    [["a", "c", "d"], 0, "wrong"], // 1/2 − 2/3 → floor 0
    [["a", "b", "c", "d", "e"], 0, "wrong"], // ticking everything scores 0
    [["c"], 0, "wrong"],
    [[], 0, "wrong"],
  ] as const)("%j scores %d (%s)", (ids, score, verdict) => {
    expect(grade([...ids])).toMatchObject({ score, max: 1, correct: verdict });
  });
  it("records each option's signed contribution", () => {
    expect(grade(["a", "c"]).perOption?.map((o) => o.points)).toEqual([0.5, 0, -0.333333, 0, 0]);
  });
  it("does not penalise when every option is correct", () => {
    expect(scoreItem(allCorrect, { type: "multiple", optionIds: ["a", "b"] })).toMatchObject({ score: 0.666667, correct: "partial" });
    expect(scoreItem(allCorrect, { type: "multiple", optionIds: ["c", "a", "b"] })).toMatchObject({ score: 1, correct: "right" });
  });
  it("rejects duplicate and unknown ids rather than counting them twice", () => {
    expect(grade(["a", "a"]).reason).toMatch(/twice/);
    expect(grade(["a", "b", "x"]).reason).toMatch(/"x" is not an option/);
  });
});

describe("true/false", () => {
  it("gives 1 only when the value matches", () => {
    expect(scoreItem(truefalse, { type: "truefalse", value: false })).toMatchObject({ score: 1, correct: "right" });
    expect(scoreItem(truefalse, { type: "truefalse", value: true })).toMatchObject({ score: 0, correct: "wrong" });
  });
  it("does not accept the string 'false' as a boolean", () => {
    expect(scoreItem(truefalse, { type: "truefalse", value: "false" })).toMatchObject({ score: 0, correct: "wrong" });
  });
});

describe("numeric (absolute tolerance, inclusive)", () => {
  const grade = (value: unknown, it = numeric) => scoreItem(it, { type: "numeric", value });
  it.each([0.3, 0.2, 0.4, 0.25, "0.4", " .35 ", "3e-1"])("accepts %j for 0.3 ± 0.1", (v) => {
    expect(grade(v)).toMatchObject({ score: 1, correct: "right" });
  });
  it.each([0.41, 0.19, -0.3, 1])("rejects %j for 0.3 ± 0.1", (v) => {
    expect(grade(v)).toMatchObject({ score: 0, correct: "wrong" });
  });
  it("needs the exact value when the tolerance is 0", () => {
    expect(grade(2245, exact).score).toBe(1);
    expect(grade("2245", exact).score).toBe(1);
    expect(grade(2245.001, exact).score).toBe(0);
  });
  it.each([NaN, Infinity, -Infinity, "", "abc", "1e999", "2,245", "0x10", null, [], {}, true])(
    "scores %j as wrong without throwing",
    (v) => {
      const r = grade(v, exact);
      expect(r).toMatchObject({ score: 0, correct: "wrong" });
      expect(r.reason).toBeTypeOf("string");
    },
  );
});

describe("ordering (fraction of correctly ordered pairs)", () => {
  const grade = (order: string[]) => scoreItem(ordering, { type: "ordering", order });
  it.each([
    [["one", "two", "three", "four"], 1, "right"],
    [["four", "three", "two", "one"], 0, "wrong"],
    [["two", "one", "three", "four"], 0.833333, "partial"], // 5 of 6 pairs
    [["four", "one", "two", "three"], 0.5, "partial"], // 3 of 6 pairs
    [["two", "one", "four", "three"], 0.666667, "partial"], // 4 of 6 pairs
  ] as const)("%j scores %d", (order, score, verdict) => {
    expect(grade([...order])).toMatchObject({ score, correct: verdict });
  });
  it("requires every entry exactly once", () => {
    expect(grade(["one", "two", "three"]).reason).toMatch(/exactly once/);
    expect(grade(["one", "one", "two", "three"]).reason).toMatch(/twice/);
    expect(grade(["one", "two", "three", "five"]).reason).toMatch(/"five"/);
  });
});

describe("free text (self-graded against the rubric)", () => {
  const grade = (text: string, selfGrade?: unknown) => scoreItem(freetext, { type: "freetext", text }, selfGrade);
  it("scores ticked rubric points over rubric length, flagged self-graded", () => {
    expect(grade("My answer", [0, 2, 3])).toEqual({ itemId: "f", type: "freetext", score: 0.75, max: 1, correct: "self-graded" });
    expect(grade("My answer", [])).toMatchObject({ score: 0, correct: "self-graded" });
  });
  it("awards nothing before the self-grade or for a blank answer", () => {
    expect(grade("My answer")).toMatchObject({ score: 0, correct: "self-graded", reason: "awaiting self-grade" });
    expect(grade("   ", [0, 1, 2, 3])).toMatchObject({ score: 0, reason: "not answered" });
  });
  it("ignores ticks sent with the answer: the rubric hasn't been shown yet", () => {
    expect(scoreItem(freetext, { type: "freetext", text: "x", ticked: [0, 1, 2, 3] })).toMatchObject({
      score: 0,
      reason: "awaiting self-grade",
    });
  });
  it("rejects self-grades that are out of range, repeated or malformed", () => {
    expect(grade("x", [4]).reason).toMatch(/does not exist/);
    expect(grade("x", [1, 1, 1, 1]).reason).toMatch(/twice/);
    expect(grade("x", [-1])).toMatchObject({ score: 0, reason: expect.stringMatching(/^invalid self-grade/) });
    expect(grade("x", "0,1")).toMatchObject({ score: 0, reason: expect.stringMatching(/^invalid self-grade/) });
  });
});

describe("malformed responses", () => {
  it("treats a missing response as unanswered", () => {
    expect(scoreItem(single, undefined)).toMatchObject({ score: 0, correct: "wrong", reason: "not answered" });
    expect(scoreItem(freetext, null)).toMatchObject({ score: 0, correct: "self-graded", reason: "not answered" });
  });
  it("rejects an answer meant for another item type", () => {
    expect(scoreItem(single, { type: "multiple", optionIds: ["b"] }).reason).toMatch(/a multiple answer for a single item/);
  });
  it.each([42, "b", [], { optionId: "b" }, { type: "single" }, { type: "single", optionId: 1 }])("scores %j as 0 with a reason", (raw) => {
    const r = scoreItem(single, raw);
    expect(r.score).toBe(0);
    expect(r.reason).toMatch(/^invalid response/);
  });
});
