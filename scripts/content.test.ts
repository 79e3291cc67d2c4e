import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("`npm run content -- export --json` prints the whole bank, quiz keys included, as one JSON document", () => {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/content.mts", "export", "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as {
    version: number;
    questions: {
      slug: string;
      keyPoints: string[];
      poorAnswer: unknown;
      followUps: string[];
      sources: unknown[];
      answer: string;
      quiz: { items: { type: string }[] };
    }[];
  };
  expect(out.version).toBe(1);
  expect(out.questions.length).toBeGreaterThanOrEqual(30);
  for (const q of out.questions) {
    expect(q.answer.length).toBeGreaterThan(0);
    expect(q.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(q.quiz.items.length).toBeGreaterThan(0);
  }
  const official = out.questions.find((q) => q.slug === "layer-freezing")!;
  expect(JSON.stringify(official.quiz)).toContain('"rationale"');
});

it("`npm run content -- check` names the problem and exits non-zero on a bad command", () => {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/content.mts", "nonsense"], { encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("usage:");
});

it("`npm run content -- check` fails on a biased bank, naming the file and the field", () => {
  // A one-question bank whose eight single-choice items all have their key first (run in a scratch directory).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-content-"));
  const questions = path.join(dir, "content", "questions");
  fs.mkdirSync(questions, { recursive: true });
  const frontmatter = [
    "id: q-901",
    "slug: alpha",
    "title: Alpha",
    "question: What is alpha?",
    "instruction: Explain.",
    "context: Basics.",
    "topic: transfer-learning",
    "tags: [transfer-learning]",
    "difficulty: easy",
    "role: ml-engineer",
    "answerSource: layerwise",
    "keyPoints: [one, two, three]",
    "poorAnswer: {answer: a, why: b}",
    "followUps: [x, y]",
    'sources: [{title: T, url: "https://example.org/a"}]',
  ];
  fs.writeFileSync(path.join(questions, "alpha.md"), `---\n${frontmatter.join("\n")}\n---\nThe answer.\n`);
  const item = (i: number) =>
    [`  - id: s${i}`, "    type: single", "    prompt: p", "    keyPoint: 0", "    options:"]
      .concat([0, 1, 2, 3].map((j) => `      - {id: opt-${"klmn"[j]}, text: "statement ${i}-${j}", correct: ${j === 0}, rationale: r}`))
      .join("\n");
  fs.writeFileSync(path.join(questions, "alpha.quiz.yaml"), `items:\n${Array.from({ length: 8 }, (_, i) => item(i)).join("\n")}\n`);
  const root = process.cwd();
  const cli = [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/content.mts"), "check"];
  const r = spawnSync(process.execPath, cli, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("content/questions/alpha.quiz.yaml: items.0.options.0: correct option at position 1");
  expect(r.stderr).toMatch(/fail\s+B1 single 4-option key at position 1\s+8\/8 \(100%\)/);
});
