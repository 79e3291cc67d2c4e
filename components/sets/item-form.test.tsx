import { describe, expect, it } from "vitest";
import { QuizItemSchema, type QuizItem } from "@/lib/schemas/quiz";
import { checkDraft, draftOf, emptyDraft, itemOf } from "./item-form";

const SIX: QuizItem[] = [
  {
    id: "s",
    type: "single",
    prompt: "P",
    keyPoint: 1,
    labPreset: "cost",
    options: [
      { id: "a", text: "A", correct: true, rationale: "ra" },
      { id: "b", text: "B", correct: false, rationale: "rb" },
    ],
  },
  {
    id: "m",
    type: "multiple",
    prompt: "P",
    keyPoint: 0,
    options: [
      { id: "a", text: "A", correct: true, rationale: "ra" },
      { id: "b", text: "B", correct: true, rationale: "rb" },
      { id: "x", text: "C", correct: false, rationale: "rc" },
    ],
  },
  { id: "t", type: "truefalse", prompt: "P", keyPoint: 0, answer: false, rationale: "r" },
  { id: "n", type: "numeric", prompt: "P", keyPoint: 0, answer: 0.001, tolerance: 0.0005, unit: "s", rationale: "r" },
  {
    id: "o",
    type: "ordering",
    prompt: "P",
    keyPoint: 0,
    entries: [
      { id: "e1", text: "1" },
      { id: "e2", text: "2" },
      { id: "e3", text: "3" },
    ],
    rationale: "r",
  },
  { id: "f", type: "freetext", prompt: "P", keyPoint: 0, rubric: ["one", "two"], modelAnswer: "M" },
];

describe("item form drafts", () => {
  it("an item of each of the six types survives draft → item unchanged and valid", () => {
    for (const item of SIX) {
      const r = checkDraft(draftOf(item));
      expect(r).toEqual({ ok: true, item });
    }
  });

  it("the quiz schema's own rules refuse a blank draft, a rationale missing, two right single options, a non-number", () => {
    const blank = checkDraft(emptyDraft("x"));
    expect(blank.ok).toBe(false);
    const single = draftOf(SIX[0]!);
    expect(checkDraft({ ...single, options: single.options.map((o) => ({ ...o, rationale: "" })) })).toMatchObject({ ok: false });
    const two = checkDraft({ ...single, options: single.options.map((o) => ({ ...o, correct: true })) });
    expect(two.ok === false && two.errors.join()).toMatch(/exactly one correct option/);
    const num = checkDraft({ ...draftOf(SIX[3]!), answer: "abc" });
    expect(num.ok === false && num.errors.join()).toMatch(/answer/);
    const few = checkDraft({ ...draftOf(SIX[5]!), rubric: ["only one"] });
    expect(few.ok).toBe(false);
  });

  it("switching type keeps the shared fields and builds the new type's shape", () => {
    const d = { ...draftOf(SIX[0]!), type: "truefalse" as const, rationale: "why" };
    expect(QuizItemSchema.parse(itemOf(d))).toEqual({
      id: "s",
      type: "truefalse",
      prompt: "P",
      keyPoint: 1,
      labPreset: "cost",
      answer: true,
      rationale: "why",
    });
  });
});
