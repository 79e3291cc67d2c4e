import { describe, expect, it } from "vitest";
import { mistakesFrom, type AttemptResults } from "./mistakes";
import type { Verdict } from "./types";

const r = (itemId: string, correct: Verdict, score = correct === "right" ? 1 : correct === "partial" ? 0.5 : 0) => ({
  itemId,
  correct,
  score,
  max: 1,
});

describe("mistakesFrom", () => {
  it("lists wrong and partial items of a single attempt", () => {
    const attempt: AttemptResults = { submittedAt: "2026-01-01T10:00:00Z", results: [r("a", "right"), r("b", "wrong"), r("c", "partial")] };
    expect(mistakesFrom([attempt])).toEqual(["b", "c"]);
  });

  it("judges each item by the latest attempt that contained it", () => {
    const first: AttemptResults = { submittedAt: "2026-01-01T10:00:00Z", results: [r("a", "wrong"), r("b", "wrong"), r("c", "right")] };
    // A retry of the mistakes only: a is now right, b still wrong. c keeps its older (right) result.
    const retry: AttemptResults = { submittedAt: "2026-01-02T10:00:00Z", results: [r("a", "right"), r("b", "partial")] };
    expect(mistakesFrom([first, retry])).toEqual(["b"]);
    expect(mistakesFrom([retry, first])).toEqual(["b"]); // input order doesn't matter, dates do
  });

  it("remembers an item that was right once and wrong later", () => {
    const a1: AttemptResults = { submittedAt: new Date("2026-01-01T00:00:00Z"), results: [r("a", "right")] };
    const a2: AttemptResults = { submittedAt: new Date("2026-01-03T00:00:00Z"), results: [r("a", "wrong")] };
    expect(mistakesFrom([a1, a2])).toEqual(["a"]);
  });

  it("counts a self-graded item below full marks, including one never self-graded", () => {
    const attempt: AttemptResults = {
      submittedAt: "2026-01-01T10:00:00Z",
      results: [r("full", "self-graded", 1), r("some", "self-graded", 0.5), r("none", "self-graded", 0)],
    };
    expect(mistakesFrom([attempt])).toEqual(["some", "none"]);
  });

  it("breaks ties on the submit time by list position, and survives unreadable dates", () => {
    const a: AttemptResults = { submittedAt: "2026-01-01T10:00:00Z", results: [r("x", "wrong")] };
    const b: AttemptResults = { submittedAt: "2026-01-01T10:00:00Z", results: [r("x", "right")] };
    const junk: AttemptResults = { submittedAt: "not a date", results: [r("x", "wrong"), r("y", "wrong")] };
    expect(mistakesFrom([a, b])).toEqual([]);
    expect(mistakesFrom([b, a])).toEqual(["x"]);
    expect(mistakesFrom([junk, b])).toEqual(["y"]);
    expect(mistakesFrom([])).toEqual([]);
  });
});
