import { describe, expect, it } from "vitest";
import type { QuizItem } from "@/lib/schemas/quiz";
import { checkBankRules, checkContentRules, checkItemRules, guesserScores, hasAbsolute, hasHedge, type QuizFileEntry } from "./rules";

// Synthetic banks: a balanced one that passes every rule, and biased variants that each break one rule.
const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
const text = (i: number, j: number) => `${words[(i + j) % words.length]} statement number ${i}-${j} about layers`;

function single(i: number, key: number, opts: { lengths?: number[]; texts?: string[] } = {}): Extract<QuizItem, { type: "single" }> {
  return {
    id: `s${i}`,
    type: "single",
    prompt: "p",
    keyPoint: 0,
    options: [0, 1, 2, 3].map((j) => ({
      id: `w-${"abcdefghijklmnopqrstuvwxyz"[i]}-${"klmn"[j]}`,
      text: opts.texts?.[j] ?? (opts.lengths ? "x".repeat(opts.lengths[j]!) : text(i, j)),
      correct: j === key,
      rationale: "r",
    })),
  };
}
function multiple(i: number, correct: boolean[], texts?: string[]): QuizItem {
  return {
    id: `m${i}`,
    type: "multiple",
    prompt: "p",
    keyPoint: 0,
    options: correct.map((c, j) => ({
      id: `m-${"abcdefghij"[i % 10]}-${"klmnopqrst"[j]}`,
      text: texts?.[j] ?? text(i, j),
      correct: c,
      rationale: "r",
    })),
  };
}
const tf = (i: number, answer: boolean, prompt = `statement ${i} about layers`): QuizItem => ({
  id: `t${i}`,
  type: "truefalse",
  prompt,
  keyPoint: 0,
  answer,
  rationale: "r",
});

// Balanced: 16 single items, keys cycling through the four places, the key longest in 4 of 16.
const balancedSingles = () =>
  Array.from({ length: 16 }, (_, i) => {
    const key = i % 4;
    const wrong = [40, 42, 44];
    const lengths = [0, 1, 2, 3].map((j) => (j === key ? (i < 4 ? 50 : 43) : wrong.shift()!));
    return single(i, key, { lengths });
  });
const MULTI_PATTERNS = [
  [true, false, true, false],
  [false, true, false, true],
  [true, true, false, false, true],
  [false, false, true, true],
  [true, false, false, true, true],
  [false, true, true, false],
  [true, false, true, true],
  [false, true, false, false, true],
  [true, false, false, true],
  [false, true, true, false, true],
];
const balancedMultiples = () => MULTI_PATTERNS.map((p, i) => multiple(i, p));
const balancedTrueFalse = () => Array.from({ length: 12 }, (_, i) => tf(i, i % 2 === 0));
const bank = (items: QuizItem[]): QuizFileEntry[] => [{ path: "content/questions/x.quiz.yaml", items }];
const failing = (items: QuizItem[]) =>
  checkBankRules(bank(items))
    .stats.filter((s) => s.status === "fail")
    .map((s) => s.rule);

describe("content rules against test-wise guessing", () => {
  const balanced = [...balancedSingles(), ...balancedMultiples(), ...balancedTrueFalse()];

  it("pass a balanced bank", () => {
    const r = checkContentRules(bank(balanced));
    expect(r.issues).toEqual([]);
    expect(r.stats.filter((s) => s.status === "fail")).toEqual([]);
  });

  it("B1 fails when the single-choice key sits in one place, naming each item's path and field", () => {
    const biased = [
      ...balancedSingles().map((it, i) => (i < 12 ? single(i, 0, { lengths: [40, 42, 44, 46] }) : it)),
      ...balancedMultiples(),
    ];
    expect(failing(biased)).toEqual(
      expect.arrayContaining(["B1 single 4-option key at position 1", "B1 single key in first place, all option counts"]),
    );
    const { issues } = checkBankRules(bank(biased));
    expect(issues).toContainEqual(expect.objectContaining({ path: "content/questions/x.quiz.yaml", field: "items.0.options.0" }));
    expect(issues.find((i) => i.field === "items.0.options.0")?.message).toMatch(/position 1.*limit 15%–40%/);
  });

  it("B1 fails when one place never holds the key", () => {
    const biased = balancedSingles().map((it, i) => (i % 4 === 3 ? single(i, i % 3, { lengths: [40, 42, 44, 46] }) : it));
    expect(failing(biased)).toContain("B1 single 4-option key at position 4");
  });

  it("B2 fails when multiple-choice keys are always the first options", () => {
    const biased = [
      ...balancedSingles(),
      ...MULTI_PATTERNS.map((p, i) =>
        multiple(
          i,
          p.map((_, j) => j < 2),
        ),
      ),
    ];
    const rules = failing(biased);
    expect(rules).toEqual(
      expect.arrayContaining(["B2 multiple: correct rate at position 1", "B2 multiple: correct options are the first k"]),
    );
    expect(rules.some((r) => r.startsWith("B2 multiple: most common number of correct options"))).toBe(true);
    const { issues } = checkBankRules(bank(biased));
    expect(issues).toContainEqual(expect.objectContaining({ field: expect.stringMatching(/^items\.\d+\.options$/) }));
  });

  it("B3 fails when the correct single option is the longest, and when it is never the longest", () => {
    const longest = balancedSingles().map((_, i) => single(i, i % 4, { lengths: [0, 1, 2, 3].map((j) => (j === i % 4 ? 60 : 40 + j)) }));
    expect(failing(longest)).toEqual(
      expect.arrayContaining(["B3 single: correct option strictly longest", "B3 single: mean length correct / mean wrong"]),
    );
    const never = balancedSingles().map((_, i) => single(i, i % 4, { lengths: [0, 1, 2, 3].map((j) => (j === i % 4 ? 40 : 41 + j)) }));
    expect(failing(never)).toContain("B3 single: correct option strictly longest");
  });

  it("B3 fails when correct multiple-choice options are much longer than the wrong ones", () => {
    const biased = MULTI_PATTERNS.map((p, i) =>
      multiple(
        i,
        p,
        p.map((c) => (c ? "y".repeat(80) : "n".repeat(40))),
      ),
    );
    expect(failing(biased)).toContain("B3 multiple: mean length correct / wrong");
  });

  it("B4 fails when absolute words mark the wrong options, and when hedges mark the right ones", () => {
    const absolute = balancedSingles().map((_, i) =>
      single(i, i % 4, {
        texts: [0, 1, 2, 3].map((j) => (j === i % 4 ? `plain fact ${i} about ${words[j]}` : `it always holds ${i} for ${words[j]}`)),
      }),
    );
    const { stats, issues } = checkBankRules(bank([...absolute, ...balancedMultiples()]));
    expect(stats.find((s) => s.rule.startsWith("B4 absolute"))?.status).toBe("fail");
    expect(issues).toContainEqual(
      expect.objectContaining({ field: "items.0.options.1.text", message: expect.stringMatching(/wrong option with absolute words/) }),
    );
    const hedged = balancedSingles().map((_, i) =>
      single(i, i % 4, {
        texts: [0, 1, 2, 3].map((j) => (j === i % 4 ? `it usually holds ${i} for ${words[j]}` : `plain claim ${i} about ${words[j]}`)),
      }),
    );
    expect(failing([...hedged, ...balancedMultiples()])).toContain("B4 hedge words: rate in wrong vs correct options");
  });

  it("B5 fails on a lopsided true/false share and on tipping words", () => {
    expect(failing(Array.from({ length: 12 }, (_, i) => tf(i, i < 9)))).toContain("B5 true/false: share true");
    const tipped = Array.from({ length: 12 }, (_, i) =>
      tf(i, i % 2 === 0, i % 2 ? `it is guaranteed by definition ${i}` : `it holds ${i}`),
    );
    expect(failing(tipped)).toContain("B5 true/false absolute words: false vs true statements");
    const { issues } = checkBankRules(bank(tipped));
    expect(issues).toContainEqual(expect.objectContaining({ field: "items.1.prompt" }));
  });

  it("skips, and says so, a statistic over too few items", () => {
    const { stats, issues } = checkBankRules(bank([single(0, 0), tf(1, true)]));
    expect(issues).toEqual([]);
    expect(stats.filter((s) => s.status === "skipped").length).toBeGreaterThan(5);
  });

  it("R1–R5 flag revealing option ids, order-revealing entry ids, cross-references, all-correct items and an outsized key", () => {
    const items: QuizItem[] = [
      { ...single(0, 0), options: single(0, 0).options.map((o, j) => ({ ...o, id: ["right-one", "b", "option-3", "fine"][j]! })) },
      {
        id: "o1",
        type: "ordering",
        prompt: "p",
        keyPoint: 0,
        rationale: "r",
        entries: [
          { id: "step-a", text: "x" },
          { id: "layer2", text: "y" },
          { id: "head", text: "z" },
        ],
      },
      multiple(2, [true, true, true], ["x", "y", "All of the above"]),
      single(3, 1, { lengths: [10, 40, 20, 25] }),
    ];
    const fields = checkItemRules("content/questions/x.quiz.yaml", items).map((i) => i.field);
    expect(fields).toEqual([
      "items.0.options.0.id",
      "items.0.options.1.id",
      "items.0.options.2.id",
      "items.1.entries.0.id",
      "items.1.entries.1.id",
      "items.2.options.2.text",
      "items.2.options",
      "items.3.options.1.text",
    ]);
  });

  it("matches absolute and hedge words as whole words", () => {
    expect(hasAbsolute("It is guaranteed")).toBe(true);
    expect(hasAbsolute("holds by  definition")).toBe(true);
    expect(hasAbsolute("You can't")).toBe(true);
    expect(hasAbsolute("overall, finally, allocation, onlyness")).toBe(false);
    expect(hasHedge("it may help")).toBe(true);
    expect(hasHedge("mayhem")).toBe(false);
  });

  it("scores blind guessers: the first-option guesser wins on a key-first bank and is at chance on a balanced one", () => {
    const keyFirst = balancedSingles().map((_, i) => single(i, 0, { lengths: [40, 42, 44, 46] }));
    expect(guesserScores(bank(keyFirst))[0]).toEqual({ guesser: "single: first option", hits: 16, items: 16, chance: 4 });
    expect(guesserScores(bank(balancedSingles()))[0]?.hits).toBe(4);
    const tipped = Array.from({ length: 12 }, (_, i) => tf(i, i % 2 === 0, i % 2 ? `it always holds ${i}` : `it holds ${i}`));
    expect(guesserScores(bank(tipped))[4]).toMatchObject({ hits: 12, items: 12, chance: 6 });
  });
});
