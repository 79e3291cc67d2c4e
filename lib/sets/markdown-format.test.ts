import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exportSetMarkdown, importSetMarkdown } from "./markdown-format";
import type { SetItem } from "@/lib/schemas/sets";
import type { QuizItem } from "@/lib/schemas/quiz";

const SAMPLE = `# Transfer learning screen

## single why-freeze
Key point: 1
Lab: cost
Why freeze the **base**?

- [x] It is cheaper
  > Fewer gradients to compute.
- [ ] It is more accurate
  > Not in general.

## multiple pick-two
Pick the true ones.

- [x] A
  > a
- [x] B
  > b
- [ ] C {#zeta}
  > c

## truefalse tf
Fine-tuning always helps.

Answer: false
> Not with tiny data.

## numeric lr
Typical learning rate?

Answer: 0.001 ± 0.0005 per step
> Common default.

## ordering steps
Put in order.

1. Load base
2. Freeze
3. Train head

> That is the recipe.

## freetext explain
Explain transfer learning.

Rubric:
- Mentions reuse of features
- Mentions less data

Model answer:
> Reuse features learned on a large task,
> so a small task needs less data.
`;

describe("Layerwise Markdown", () => {
  it("reads all six item types", () => {
    const r = importSetMarkdown(SAMPLE);
    expect(r.report.entries).toEqual([]);
    expect(r.title).toBe("Transfer learning screen");
    expect(r.items.map((i) => i.item.type)).toEqual(["single", "multiple", "truefalse", "numeric", "ordering", "freetext"]);
    expect(r.items[0]!.item).toEqual({
      id: "why-freeze",
      type: "single",
      prompt: "Why freeze the **base**?",
      keyPoint: 1,
      labPreset: "cost",
      options: [
        { id: "a", text: "It is cheaper", correct: true, rationale: "Fewer gradients to compute." },
        { id: "b", text: "It is more accurate", correct: false, rationale: "Not in general." },
      ],
    });
    expect(r.items[1]!.item.type === "multiple" && r.items[1]!.item.options[2]!.id).toBe("zeta");
    expect(r.items[3]!.item).toMatchObject({ answer: 0.001, tolerance: 0.0005, unit: "per step" });
    expect(r.items[4]!.item).toMatchObject({ entries: [{ id: "e1", text: "Load base" }, { id: "e2" }, { id: "e3" }] });
    expect(r.items[5]!.item).toMatchObject({ modelAnswer: "Reuse features learned on a large task,\nso a small task needs less data." });
  });

  it("export → import gives the same items", () => {
    const r = importSetMarkdown(SAMPLE);
    const again = importSetMarkdown(exportSetMarkdown(r.title, r.items));
    expect(again.items).toEqual(r.items);
    expect(again.title).toBe(r.title);
  });

  it("reports invalid sections with their line, keeps the valid ones", () => {
    const r = importSetMarkdown(
      "## single a\nQ\n\n- [x] one\n  > r\n- [x] two\n  > r\n\n## truefalse b\nQ\n\nAnswer: maybe\n\n" +
        "## numeric c\nQ\nAnswer: 3\n> ok\n\n## truefalse c\nQ\nAnswer: true\n> r\n",
    );
    expect(r.items.map((i) => i.item.id)).toEqual(["c"]);
    expect(r.report.entries.map((e) => [e.line, e.title])).toEqual([
      [1, "a"],
      [12, "b"],
      [19, "c"],
    ]);
    expect(r.report.entries[0]!.message).toMatch(/exactly one correct/);
  });

  it("prompts that look like answer lines survive a round trip (Markdown escapes)", () => {
    const item: QuizItem = {
      id: "tricky",
      type: "single",
      keyPoint: 0,
      prompt: "- [x] not an option\n1. not an entry\nAnswer: not an answer\n## single not-a-heading\nKey point: 9",
      options: [
        { id: "a", text: "x", correct: true, rationale: "multi\n\nparagraph" },
        { id: "b", text: "y", correct: false, rationale: "> quoted" },
      ],
    };
    const text = exportSetMarkdown(null, [{ item, origin: { kind: "custom" } }]);
    expect(text).toContain("\\- [x] not an option");
    expect(importSetMarkdown(text).items.map((i) => i.item)).toEqual([item]);
  });

  it("round-trips arbitrary valid single items (property)", () => {
    const line = fc
      .string({ minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[\r\n{}]/g, "x").trim())
      .filter((s) => s.length > 0);
    const prompt = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(prompt, line, line, line, line, (p, t1, t2, r1, r2) => {
        const item: QuizItem = {
          id: "p",
          type: "single",
          keyPoint: 0,
          prompt: p,
          options: [
            { id: "a", text: t1, correct: true, rationale: r1 },
            { id: "b", text: t2, correct: false, rationale: r2 },
          ],
        };
        const set: SetItem = { item, origin: { kind: "custom" } };
        const back = importSetMarkdown(exportSetMarkdown(null, [set]));
        if (back.items.length === 1) expect(back.items[0]!.item).toEqual(item);
        else expect(back.report.entries.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("an empty file imports nothing and says nothing is wrong", () => {
    expect(importSetMarkdown("just text\n")).toEqual({ title: null, items: [], report: { converted: 0, entries: [] } });
  });
});
