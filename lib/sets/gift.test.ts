import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "gift-pegjs";
import { exportGift, importGift, NO_FEEDBACK } from "./gift";
import { SetItemSchema, type SetItem } from "@/lib/schemas/sets";

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/gift/${name}`, import.meta.url), "utf8");
const EXAMPLES = fixture("moodle-examples.gift.txt");
const MOODLE_TEST = fixture("moodle-test-fixture.gift.txt");

describe("GIFT round trip on Moodle's own files", () => {
  for (const [name, source] of [
    ["examples.txt", EXAMPLES],
    ["questions.gift.txt", MOODLE_TEST],
  ] as const) {
    it(`${name}: import → export → import gives the same questions`, () => {
      const first = importGift(source);
      const exported = exportGift(first.items);
      expect(exported.report.entries).toEqual([]);
      const second = importGift(exported.text);
      expect(second.items).toEqual(first.items);
      expect(second.report.entries.filter((e) => e.kind === "skipped")).toEqual([]);
      // And the library reads the export as the same GIFT questions it read from the original.
      const originalTrees = first.items.length;
      expect(exported.text.split("\n\n").length).toBe(originalTrees);
    });
  }

  it("every imported item validates against the set item schema", () => {
    for (const item of [...importGift(EXAMPLES).items, ...importGift(MOODLE_TEST).items]) {
      expect(SetItemSchema.safeParse(item).success).toBe(true);
    }
  });

  it("lists unsupported types with their lines, never drops them", () => {
    const ex = importGift(EXAMPLES);
    expect(ex.items).toHaveLength(40);
    expect(ex.report.entries.filter((e) => e.kind === "skipped").map((e) => [e.line, e.message.split(":")[0]])).toEqual([
      [55, "matching"],
      [61, "matching"],
      [177, "matching"],
    ]);
    const mt = importGift(MOODLE_TEST);
    expect(mt.items).toHaveLength(7);
    expect(mt.report.entries.filter((e) => e.kind === "skipped").map((e) => [e.line, e.title, e.message.split(":")[0]])).toEqual([
      [2, "Q8", "essay"],
      [5, "Moodle activities", "matching"],
    ]);
  });

  it("the export parses with gift-pegjs to the same trees as the original (apart from the lifted numeric feedback)", () => {
    const blocks = (text: string) => text.split(/\n\s*\n/).filter((b) => b.split("\n").some((l) => l.trim() && !l.trim().startsWith("//")));
    const supported = (t: ReturnType<typeof parse>[number]) => !["Matching", "Essay"].includes(t.type);
    const original = blocks(EXAMPLES)
      .flatMap((b) => parse(`${b}\n`))
      .filter(supported);
    expect(blocks(exportGift(importGift(EXAMPLES).items).text).flatMap((b) => parse(`${b}\n`))).toEqual(original);
  });
});

describe("GIFT import: what each construct becomes", () => {
  const one = (src: string) => {
    const r = importGift(src);
    expect(r.items).toHaveLength(1);
    return { ...r.items[0]!, report: r.report };
  };

  it("single choice with per-answer feedback; a missing feedback becomes a reported placeholder", () => {
    const s = one("Q?{~wrong#No. =right#Yes! ~other}");
    expect(s.item).toMatchObject({
      type: "single",
      options: [
        { id: "a", text: "wrong", correct: false, rationale: "No." },
        { id: "b", text: "right", correct: true, rationale: "Yes!" },
        { id: "c", text: "other", correct: false, rationale: NO_FEEDBACK },
      ],
    });
    expect(s.report.entries.map((e) => e.message)).toContain("answers without feedback get a placeholder rationale");
  });

  it("no `=` answer → multiple response; positive weights are the correct options, weights kept", () => {
    const s = one("Who?{~%50%Grant#a ~%50%Wife#b ~%-50%Father#c ~No one#d}");
    expect(s.item.type).toBe("multiple");
    expect(s.item.type === "multiple" && s.item.options.map((o) => o.correct)).toEqual([true, true, false, false]);
    expect(Object.values(s.gift!.choices!).map((c) => c.weight)).toEqual([50, 50, -50, null]);
  });

  it("partial credit in a single-response question is kept and reported as graded wrong", () => {
    const s = one("Q{~wrong#x ~%50%half#y =full#z}");
    expect(s.item.type).toBe("single");
    expect(s.report.entries.map((e) => e.message)).toContain(
      "partial-credit answers are kept for export but Layerwise grades them as wrong",
    );
  });

  it("true/false: the rationale is the feedback for the right answer, both kept", () => {
    const s = one("42 is it.{FALSE#Wrong, it is not.#Right, it is not.}");
    expect(s.item).toMatchObject({ type: "truefalse", answer: false, rationale: "Right, it is not." });
    expect(s.gift!.trueFalse!.trueFeedback?.text).toBe("Wrong, it is not.");
  });

  it("numeric: tolerance, low..high range, several answers with the full-credit one as key", () => {
    expect(one("Pi?{#3.1415:0.0005}").item).toMatchObject({ type: "numeric", answer: 3.1415, tolerance: 0.0005 });
    const range = one("Pi?{#3.141..3.142}").item;
    expect(range.type === "numeric" && [range.answer, range.tolerance.toFixed(4)]).toEqual([3.1415, "0.0005"]);
    const list = one("Born?{#\n=%50%1822:2#close\n=1822:0#exact\n}");
    expect(list.item).toMatchObject({ answer: 1822, tolerance: 0, rationale: "exact" });
    expect(list.gift!.numeric!.key).toBe(1);
  });

  it("Moodle's catch-all numeric feedback `~#…` after a single answer is read and written back", () => {
    const s = one("::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}");
    expect(s.item).toMatchObject({ type: "numeric", answer: 3, tolerance: 2 });
    expect(s.gift!.numeric!.otherFeedback).toBe("Completely wrong");
    expect(exportGift([s]).text).toContain("{#3:2~#Completely wrong}");
  });

  it("short answer becomes a self-graded free-text item, reported as such", () => {
    const s = one("Best animal?{=Frog#Good! =%50%Cat#Hm}");
    expect(s.item).toMatchObject({ type: "freetext", modelAnswer: "Frog", rubric: ["Accepts “Frog”", "Accepts “Cat” (50% credit)"] });
    expect(s.report.entries[0]!.message).toMatch(/self-grade/);
  });

  it("[markdown] and escapes", () => {
    const s = one("[markdown]Is **this** \\{braced\\} a \\= sign?{=\\\\ backslash#\\# is \\~ ~other#x}");
    expect(s.item.prompt).toBe("Is **this** {braced} a = sign?");
    expect(s.gift!.stemFormat).toBe("markdown");
    expect(s.item.type === "single" && s.item.options[0]).toMatchObject({ text: "\\ backslash", rationale: "# is ~" });
    expect(one(exportGift([s]).text)).toMatchObject({ item: s.item, gift: s.gift });
  });

  it("cloze, bad syntax and empty files are reported with lines, not thrown", () => {
    const r = importGift("// head\n\nFill {1:MULTICHOICE:=a~b} in.\n\nBroken {=a ~b\n\nOK?{T}\n");
    expect(r.items).toHaveLength(1);
    expect(r.report.entries.filter((e) => e.kind === "skipped").map((e) => [e.line, e.message.split(" ")[0]])).toEqual([
      [3, "cloze"],
      [5, "not"],
    ]);
    expect(importGift("")).toEqual({ items: [], report: { converted: 0, entries: [] } });
  });
});

describe("GIFT export of a set's own items", () => {
  const own = (item: SetItem["item"]): SetItem => ({ item, origin: { kind: "custom" } });

  it("writes [markdown] with rationales as feedback and reads back as the same items", () => {
    const items: SetItem[] = [
      own({
        id: "s",
        type: "single",
        prompt: "Pick **one**: a {b} c",
        keyPoint: 0,
        options: [
          { id: "a", text: "one = 1", correct: true, rationale: "Because # one." },
          { id: "b", text: "two", correct: false, rationale: "Not two." },
        ],
      }),
      own({
        id: "m",
        type: "multiple",
        prompt: "Pick two",
        keyPoint: 0,
        options: [
          { id: "a", text: "x", correct: true, rationale: "x is" },
          { id: "b", text: "y", correct: true, rationale: "y is" },
          { id: "c", text: "z", correct: false, rationale: "z is not" },
        ],
      }),
      own({ id: "t", type: "truefalse", prompt: "True?\n\nSecond paragraph.", keyPoint: 0, answer: true, rationale: "It is." }),
      own({ id: "n", type: "numeric", prompt: "How many?", keyPoint: 0, answer: 2.5, tolerance: 0.1, rationale: "Count." }),
    ];
    const out = exportGift(items);
    expect(out.report.entries).toEqual([]);
    const back = importGift(out.text);
    expect(back.report.entries.filter((e) => e.kind === "skipped")).toEqual([]);
    const strip = (i: SetItem["item"]) => ({ ...i, id: "x" });
    expect(back.items.map((i) => strip(i.item))).toEqual(items.map((i) => strip(i.item)));
  });

  it("lists ordering and free-text items as not exportable", () => {
    const out = exportGift([
      own({
        id: "o",
        type: "ordering",
        prompt: "Order",
        keyPoint: 0,
        rationale: "r",
        entries: [
          { id: "a", text: "1" },
          { id: "b", text: "2" },
          { id: "c", text: "3" },
        ],
      }),
    ]);
    expect(out.text).toBe("");
    expect(out.report.entries).toEqual([{ line: 1, title: null, kind: "skipped", message: "ordering items have no GIFT form" }]);
  });
});
