import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseQuizFile } from "@/lib/content/bank";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { findKeyLeaks, keyFingerprints, words } from "./leaks";
import { presentQuiz } from "./present";
import type { QuizItem } from "./types";

const item: QuizItem = QuizItemSchema.parse({
  id: "freeze",
  type: "single",
  prompt: "What does it mean to **freeze** a layer?",
  keyPoint: 0,
  options: [
    {
      id: "fixed",
      text: "Its weights are kept fixed during training",
      correct: true,
      rationale: "Its weights are kept fixed during training: `requires_grad = False` excludes the layer's weights from gradient updates.",
    },
    {
      id: "removed",
      text: "The layer is removed",
      correct: false,
      rationale: "A frozen layer stays in the network & still transforms every input.",
    },
  ],
});

describe("findKeyLeaks", () => {
  const prints = keyFingerprints([item]);

  it("finds key prose through Markdown, HTML escaping and JSON escaping", () => {
    const html = "<p>A frozen layer stays in the network &amp; still <em>transforms</em> every input.</p>";
    expect(findKeyLeaks(prints, html).map((m) => m.path)).toEqual(["freeze.options.removed.rationale"]);
    const json = JSON.stringify({ r: "excludes the layer's weights from gradient updates" });
    expect(findKeyLeaks(prints, json).map((m) => m.path)).toEqual(["freeze.options.fixed.rationale"]);
  });

  it("does not flag public text that a rationale happens to quote", () => {
    const view = JSON.stringify(presentQuiz([item], 1, { shuffleItems: true }));
    expect(view).toContain("Its weights are kept fixed during training");
    expect(findKeyLeaks(prints, view)).toEqual([]);
  });

  it("reduces text to lowercase words", () => {
    expect(words("Don\\u0027t <b>Stop</b>&nbsp;now\\n2245")).toEqual(["don", "u0027t", "b", "stop", "b", "now", "2245"]);
  });
});

describe("the real question bank", () => {
  const dir = path.resolve(import.meta.dirname, "../../content/questions");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".quiz.yaml")) : [];
  it.each(files)("%s: every rationale and rubric point is searchable, and the public view shows none", (file) => {
    const parsed = parseQuizFile(file, fs.readFileSync(path.join(dir, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const prints = keyFingerprints(parsed.items);
    expect(prints.length).toBeGreaterThan(0);
    expect(findKeyLeaks(prints, JSON.stringify(presentQuiz(parsed.items, 7, { shuffleItems: true })))).toEqual([]);
    expect(findKeyLeaks(prints, JSON.stringify(parsed.items)).length).toBe(prints.length);
  });
});
