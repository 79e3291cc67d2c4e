import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildBank, ContentError } from "./bank";
import { readBankFromDisk } from "./read-bank";
import { guesserScores } from "./rules";

const valid = (over: Record<string, string> = {}) => {
  const fm: Record<string, string> = {
    id: "q-901",
    slug: "alpha",
    title: "Alpha",
    question: "What is alpha?",
    instruction: "Explain.",
    context: "Basics.",
    topic: "transfer-learning",
    tags: "[transfer-learning]",
    difficulty: "easy",
    role: "ml-engineer",
    answerSource: "layerwise",
    keyPoints: "[one, two, three]",
    poorAnswer: "{answer: a, why: b}",
    followUps: "[x, y]",
    related: "[]",
    sources: '[{title: T, url: "https://example.org/a"}]',
    ...over,
  };
  const yaml = Object.entries(fm)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return `---\n${yaml}\n---\nThe answer.\n`;
};
const quiz = "items:\n  - {id: t1, prompt: p, keyPoint: 0, type: truefalse, answer: true, rationale: r}\n";
const file = (slug: string, raw: string) => ({ path: `content/questions/${slug}.md`, raw });
const quizFile = (slug: string, raw = quiz) => ({ path: `content/questions/${slug}.quiz.yaml`, raw });

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContentError) return e.issues;
    throw e;
  }
  return [];
}

describe("question bank rules", () => {
  it("accepts a complete question with its quiz", () => {
    const bank = buildBank([file("alpha", valid())], [quizFile("alpha")]);
    expect(bank[0]?.question.answer).toBe("The answer.");
  });

  it.each(["keyPoints", "poorAnswer", "followUps", "sources", "instruction", "context", "difficulty"])(
    "names the file and the field when %s is missing",
    (field) => {
      const issues = issuesOf(() => buildBank([file("alpha", valid({ [field]: "" }))], [quizFile("alpha")]));
      expect(issues).toContainEqual(expect.objectContaining({ path: "content/questions/alpha.md", field }));
    },
  );

  it("requires 3–7 key points and 2–4 follow-ups", () => {
    const issues = issuesOf(() => buildBank([file("alpha", valid({ keyPoints: "[a, b]", followUps: "[a, b, c, d, e]" }))], [quizFile("alpha")]));
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(["keyPoints", "followUps"]));
  });

  it("rejects a broken related link, a duplicate id, a duplicate slug and a missing quiz", () => {
    const issues = issuesOf(() =>
      buildBank(
        [file("alpha", valid({ related: "[no-such]" })), file("beta", valid({ slug: "beta" })), { path: "content/questions/beta2.md", raw: valid({ id: "q-902", slug: "beta" }) }],
        [quizFile("alpha")],
      ),
    );
    const messages = issues.map((i) => `${i.field}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'related.0: no question has slug "no-such"',
        expect.stringMatching(/^id: duplicate id q-901/),
        expect.stringMatching(/^slug: (duplicate slug beta|file must be named beta.md)/),
        "quiz: missing quiz file beta.quiz.yaml",
      ]),
    );
  });

  it("rejects a quiz item whose key point does not exist, and a choice option without a rationale", () => {
    const badQuiz = "items:\n  - {id: t1, prompt: p, keyPoint: 5, type: truefalse, answer: true, rationale: r}\n  - id: s1\n    prompt: p\n    keyPoint: 0\n    type: single\n    options:\n      - {id: a, text: A, correct: true}\n      - {id: b, text: B, correct: false, rationale: r}\n";
    const issues = issuesOf(() => buildBank([file("alpha", valid())], [quizFile("alpha", badQuiz)]));
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(["items.1.options.0.rationale"]));
  });
});

describe("content rules in the build", () => {
  // Eight single-choice items with the key always first, in otherwise valid files: the bank must not build.
  const option = (i: number, j: number, correct: boolean) =>
    `      - {id: opt-${"klmn"[j]}, text: "statement ${i}-${j} with enough words", correct: ${correct}, rationale: r}`;
  const biasedQuiz =
    "items:\n" +
    Array.from({ length: 8 }, (_, i) =>
      [`  - id: s${i}`, "    type: single", "    prompt: p", "    keyPoint: 0", "    options:", ...[0, 1, 2, 3].map((j) => option(i, j, j === 0))].join("\n"),
    ).join("\n") +
    "\n";

  it("fails on a bank whose single-choice keys all sit first, naming the quiz file and the option", () => {
    let error: unknown;
    try {
      buildBank([file("alpha", valid())], [quizFile("alpha", biasedQuiz)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const e = error as ContentError;
    expect(e.issues).toContainEqual(expect.objectContaining({ path: "content/questions/alpha.quiz.yaml", field: "items.0.options.0" }));
    expect(e.message).toMatch(/content\/questions\/alpha\.quiz\.yaml: items\.3\.options\.0: correct option at position 1 .*limit 15%–40%/);
    expect(e.stats.find((s) => s.rule === "B1 single 4-option key at position 1")?.status).toBe("fail");
  });
});

describe("the shipped bank", () => {
  const bank = readBankFromDisk();

  it("validates, with at least 30 questions, each with a quiz", () => {
    expect(bank.length).toBeGreaterThanOrEqual(30);
    for (const e of bank) expect(e.quiz.length).toBeGreaterThan(0);
  });

  it("uses every quiz item type somewhere, and gives the official question at least 10 items", () => {
    const types = new Set(bank.flatMap((e) => e.quiz.map((i) => i.type)));
    expect([...types].sort()).toEqual(["freetext", "multiple", "numeric", "ordering", "single", "truefalse"]);
    const official = bank.find((e) => e.question.slug === "layer-freezing");
    expect(official?.question.answerSource).toBe("official");
    expect(official!.quiz.length).toBeGreaterThanOrEqual(10);
  });

  it("gives a blind, test-wise guesser no more than chance plus 10 points on any strategy", () => {
    const scores = guesserScores(bank.map((e) => ({ path: e.question.slug, items: e.quiz })));
    for (const g of scores) expect(g.hits / g.items, g.guesser).toBeLessThanOrEqual(g.chance / g.items + 0.1);
  });

  it("contains math and code for the page tests to render", () => {
    expect(bank.filter((e) => /\$[^$]+\$/.test(e.question.answer)).length).toBeGreaterThanOrEqual(3);
    expect(bank.filter((e) => /```\w+/.test(e.question.answer)).length).toBeGreaterThanOrEqual(3);
  });

  // The official question's four parts, as the seed file gives them (question, "Instruction: …", "Context: …", the
  // answer), hash to this digest; recorded from the seed so the check runs on any clone, with or without the file.
  const SEED_PARTS_SHA256 = "27eafea905ba4514cb8c1df44156b12eb5cb41c924042c08a455c180edaef304";
  it("serves the official question, instruction, context and answer exactly as the seed gives them (by digest)", () => {
    const q = bank.find((e) => e.question.slug === "layer-freezing")!.question;
    const parts = [q.question, `Instruction: ${q.instruction}`, `Context: ${q.context}`, q.answer];
    expect(crypto.createHash("sha256").update(JSON.stringify(parts)).digest("hex")).toBe(SEED_PARTS_SHA256);
  });

  // Where the seed file itself sits beside the repository (../shared), compare with it directly too.
  const seedFile = path.resolve("..", "shared", "seed", "000_d753d79a0be1cd1b.txt");
  it.runIf(fs.existsSync(seedFile))("holds the official question, instruction, context and answer verbatim from the seed", () => {
    const seed = fs.readFileSync(seedFile, "utf8");
    const q = bank.find((e) => e.question.slug === "layer-freezing")!.question;
    const [head, rest] = seed.split("\n\nOfficial Answer\n\n") as [string, string];
    const [question, instructionLine, contextLine] = head.split("\n\n");
    expect(q.question).toBe(question);
    expect(`Instruction: ${q.instruction}`).toBe(instructionLine);
    expect(`Context: ${q.context}`).toBe(contextLine);
    const answer = rest.replace(/\n*Related Questions\s*$/, "");
    expect(q.answer).toBe(answer.trim());
  });
});
