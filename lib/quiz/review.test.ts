import { describe, expect, it } from "vitest";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { collectKeyMaterial } from "./keys";
import { presentItem } from "./present";
import { reviewItem } from "./review";
import { scoreItem } from "./scoring";
import type { QuizItem } from "./types";

const item = (raw: unknown): QuizItem => QuizItemSchema.parse(raw);
const base = { prompt: "P", keyPoint: 2 };
const opt = (id: string, correct: boolean) => ({ id, text: `T ${id}`, correct, rationale: `R ${id}` });
const multiple = item({
  ...base,
  id: "m",
  type: "multiple",
  labPreset: "cost",
  options: [opt("a", true), opt("b", false), opt("c", true)],
});
const numeric = item({ ...base, id: "n", type: "numeric", answer: 2245, tolerance: 0, unit: "parameters", rationale: "R n" });
const ordering = item({ ...base, id: "o", type: "ordering", entries: ["x", "y", "z"].map((id) => ({ id, text: id })), rationale: "R o" });
const freetext = item({ ...base, id: "f", type: "freetext", rubric: ["p0", "p1", "p2"], modelAnswer: "M" });
const truefalse = item({ ...base, id: "t", type: "truefalse", answer: true, rationale: "R t" });

const review = (i: QuizItem, response: unknown, seed?: number, selfGrade?: unknown) =>
  reviewItem(i, response, scoreItem(i, response, selfGrade), {
    ...(seed === undefined ? {} : { seen: presentItem(i, seed) }),
    selfGrade,
  });

describe("reviewItem", () => {
  it("shows every option with its correct flag, rationale and the candidate's choice", () => {
    const r = review(multiple, { type: "multiple", optionIds: ["a", "b"] });
    expect(r).toEqual({
      id: "m",
      type: "multiple",
      prompt: "P",
      keyPoint: 2,
      labPreset: "cost",
      result: { score: 0, max: 1, correct: "wrong" },
      options: [
        { id: "a", text: "T a", correct: true, rationale: "R a", chosen: true },
        { id: "b", text: "T b", correct: false, rationale: "R b", chosen: true },
        { id: "c", text: "T c", correct: true, rationale: "R c", chosen: false },
      ],
    });
  });

  it("lists options in the order the candidate saw them", () => {
    for (let seed = 0; seed < 20; seed++) {
      const seen = presentItem(multiple, seed);
      const r = review(multiple, undefined, seed);
      if (r.type !== "multiple" || seen.type !== "multiple") throw new Error("type");
      expect(r.options.map((o) => o.id)).toEqual(seen.options.map((o) => o.id));
    }
  });

  it("reveals the whole key after submit, every key string included", () => {
    for (const i of [multiple, numeric, ordering, freetext, truefalse]) {
      const json = JSON.stringify(review(i, undefined));
      for (const m of collectKeyMaterial(i)) if (m.kind === "text") expect(json).toContain(m.value);
    }
  });

  it("shows numeric, true/false and ordering answers beside what was given", () => {
    expect(review(numeric, { type: "numeric", value: "2245" })).toMatchObject({
      answer: 2245,
      tolerance: 0,
      unit: "parameters",
      given: 2245,
      result: { correct: "right" },
    });
    expect(review(truefalse, { type: "truefalse", value: false })).toMatchObject({ answer: true, given: false, rationale: "R t" });
    expect(review(ordering, { type: "ordering", order: ["y", "x", "z"] }, 3)).toMatchObject({
      entries: [{ id: "x" }, { id: "y" }, { id: "z" }],
      given: ["y", "x", "z"],
      rationale: "R o",
    });
  });

  it("gives null for a blank or malformed answer and keeps the reason", () => {
    expect(review(numeric, { type: "numeric", value: "abc" })).toMatchObject({ given: null, result: { score: 0 } });
    expect(review(ordering, { type: "ordering", order: ["x"] })).toMatchObject({
      given: null,
      result: { reason: expect.stringMatching(/exactly once/) },
    });
    expect(review(truefalse, undefined)).toMatchObject({ given: null, result: { reason: "not answered" } });
  });

  it("shows the rubric with the candidate's ticks and the model answer", () => {
    expect(review(freetext, { type: "freetext", text: "mine" }, undefined, [1])).toMatchObject({
      rubric: [
        { text: "p0", ticked: false },
        { text: "p1", ticked: true },
        { text: "p2", ticked: false },
      ],
      modelAnswer: "M",
      given: "mine",
      result: { score: 0.333333, correct: "self-graded" },
    });
  });
});

describe("collectKeyMaterial", () => {
  it("lists prose as text and short tokens as values", () => {
    expect(collectKeyMaterial(multiple)).toEqual([
      { path: "m.options.a.rationale", value: "R a", kind: "text" },
      { path: "m.options.a.correct", value: "a", kind: "value" },
      { path: "m.options.b.rationale", value: "R b", kind: "text" },
      { path: "m.options.c.rationale", value: "R c", kind: "text" },
      { path: "m.options.c.correct", value: "c", kind: "value" },
    ]);
    expect(collectKeyMaterial(numeric)).toEqual([
      { path: "n.rationale", value: "R n", kind: "text" },
      { path: "n.answer", value: "2245", kind: "value" },
      { path: "n.tolerance", value: "0", kind: "value" },
    ]);
    expect(collectKeyMaterial(ordering).map((m) => m.value)).toEqual(["R o", "x,y,z"]);
    expect(collectKeyMaterial(freetext).map((m) => m.value)).toEqual(["p0", "p1", "p2", "M"]);
  });
});
