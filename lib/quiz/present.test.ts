import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuizFile } from "@/lib/content/bank";
import { collectKeyMaterial, WITHHELD_FIELDS } from "./keys";
import { presentItem, presentQuiz, shuffleAwayFromKey, type PublicOption, type PublicQuizItem } from "./present";
import { quizArb, seedArb } from "./test-arbitraries";
import type { ChoiceOption, QuizItem } from "./types";

const runs = { numRuns: 1000 };
const modes = fc.record({ shuffleItems: fc.boolean() });

/** Every object key anywhere in a JSON value. */
function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

/** The leak check a response scanner would do: no key prose verbatim or JSON-escaped, no withheld field names. */
function expectNoKey(items: readonly QuizItem[], view: readonly PublicQuizItem[]) {
  const json = JSON.stringify(view);
  for (const m of items.flatMap(collectKeyMaterial)) {
    if (m.kind !== "text") continue;
    const escaped = JSON.stringify(m.value).slice(1, -1);
    if (json.includes(m.value) || json.includes(escaped)) expect.fail(`key material ${m.path} leaked: ${m.value}`);
  }
  const leakedFields = [...keysDeep(JSON.parse(json))].filter((k) => WITHHELD_FIELDS.has(k));
  expect(leakedFields).toEqual([]);
}

describe("presentQuiz: the public view", () => {
  it("contains no key material for any valid quiz, seed and mode (docs/QUALITY.md Q1)", () => {
    fc.assert(
      fc.property(quizArb, seedArb, modes, (items, seed, mode) => expectNoKey(items, presentQuiz(items, seed, mode))),
      runs,
    );
  });

  it("is deterministic and shows every item, option and entry exactly once", () => {
    fc.assert(
      fc.property(quizArb, seedArb, modes, (items, seed, mode) => {
        const view = presentQuiz(items, seed, mode);
        expect(presentQuiz(items, seed, mode)).toEqual(view);
        expect(view.map((v) => v.id).sort()).toEqual(items.map((i) => i.id).sort());
        if (!mode.shuffleItems) expect(view.map((v) => v.id)).toEqual(items.map((i) => i.id));
        for (const v of view) {
          const item = items.find((i) => i.id === v.id) as QuizItem;
          expect(v.type).toBe(item.type);
          expect(v.prompt).toBe(item.prompt);
          if ((v.type === "single" || v.type === "multiple") && (item.type === "single" || item.type === "multiple")) {
            expect(v.options.map((o) => o.id).sort()).toEqual(item.options.map((o) => o.id).sort());
          }
          if (v.type === "ordering" && item.type === "ordering") {
            const shown = v.entries.map((e) => e.id);
            expect([...shown].sort()).toEqual(item.entries.map((e) => e.id).sort());
            expect(shown).not.toEqual(item.entries.map((e) => e.id)); // never the key order
          }
          if (v.type === "numeric" && item.type === "numeric") expect(v.unit).toBe(item.unit);
        }
      }),
      runs,
    );
  });

  it("shuffles each item's options independently of the other items and of the item order", () => {
    fc.assert(
      fc.property(quizArb, seedArb, (items, seed) => {
        const alone = items.map((i) => presentItem(i, seed));
        const together = presentQuiz(items, seed, { shuffleItems: true });
        for (const v of together) expect(v).toEqual(alone.find((a) => a.id === v.id));
      }),
      { numRuns: 300 },
    );
  });

  it("actually varies the option order with the seed", () => {
    const options = "abcdef".split("").map((id) => ({ id, text: id, correct: id === "a", rationale: `why ${id}` }));
    const item: QuizItem = { id: "q", type: "single", prompt: "P", keyPoint: 0, options };
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => JSON.stringify(presentItem(item, seed))));
    expect(orders.size).toBeGreaterThan(40);
  });

  it("never shows options in a pattern that gives the key away: the correct option lands anywhere, item order fixed or not", () => {
    const options = "abcd".split("").map((id) => ({ id, text: id, correct: id === "a", rationale: `why ${id}` }));
    const item: QuizItem = { id: "q", type: "single", prompt: "P", keyPoint: 0, options };
    for (const shuffleItems of [false, true]) {
      const positions = [0, 0, 0, 0];
      for (let seed = 0; seed < 800; seed++) {
        const [shown] = presentQuiz([item], seed, { shuffleItems });
        if (shown?.type !== "single") throw new Error("type");
        positions[shown.options.findIndex((o) => o.id === "a")]! += 1;
      }
      // Uniform would be 200 each; 140–260 is far outside chance for a fair shuffle and catches any fixed position.
      for (const n of positions) {
        expect(n).toBeGreaterThan(140);
        expect(n).toBeLessThan(260);
      }
    }
  });
});

describe("shuffleAwayFromKey", () => {
  it("never returns the key order for 2 or more entries, and is deterministic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), seedArb, (n, seed) => {
        const key = Array.from({ length: n }, (_, i) => i);
        const shown = shuffleAwayFromKey(key, seed);
        expect(shown).not.toEqual(key);
        expect([...shown].sort()).toEqual(key);
        expect(shuffleAwayFromKey(key, seed)).toEqual(shown);
      }),
      runs,
    );
  });
  it("leaves 0 or 1 entries alone", () => {
    expect(shuffleAwayFromKey([], 1)).toEqual([]);
    expect(shuffleAwayFromKey(["a"], 1)).toEqual(["a"]);
  });
});

describe("the real question bank", () => {
  const dir = path.resolve(import.meta.dirname, "../../content/questions");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".quiz.yaml")) : [];
  it.each(files)("%s: the public view leaks no key for any of 50 seeds", (file) => {
    const parsed = parseQuizFile(file, fs.readFileSync(path.join(dir, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    for (let seed = 0; seed < 50; seed++) {
      expectNoKey(parsed.items, presentQuiz(parsed.items, seed, { shuffleItems: true }));
    }
  });
});

describe("public types", () => {
  it("make key fields a compile error (checked by tsc; a no-op at run time)", () => {
    const option: ChoiceOption = { id: "a", text: "A", correct: true, rationale: "R" };
    const typeChecks = (): PublicOption[] => [
      { id: "a", text: "A" },
      // @ts-expect-error `correct` is key material
      { id: "a", text: "A", correct: true },
      // @ts-expect-error `rationale` is key material
      { id: "a", text: "A", rationale: "R" },
      // @ts-expect-error spreading a full option carries its key fields along
      { ...option },
    ];
    const itemChecks = (): PublicQuizItem[] => [
      // @ts-expect-error `answer` is key material
      { id: "n", type: "numeric", prompt: "P", answer: 1 },
      // @ts-expect-error `tolerance` is key material
      { id: "n", type: "numeric", prompt: "P", tolerance: 1 },
      // @ts-expect-error the rubric is the self-grading key
      { id: "f", type: "freetext", prompt: "P", rubric: ["x"] },
      // @ts-expect-error the model answer is key material
      { id: "f", type: "freetext", prompt: "P", modelAnswer: "x" },
      // @ts-expect-error `keyPoint` is withheld until review
      { id: "t", type: "truefalse", prompt: "P", keyPoint: 0 },
    ];
    expect(typeof typeChecks).toBe("function");
    expect(typeof itemChecks).toBe("function");
  });
});
