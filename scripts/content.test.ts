import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

it("`npm run content -- export --json` prints the whole bank, quiz keys included, as one JSON document", () => {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/content.mts", "export", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { version: number; questions: { slug: string; keyPoints: string[]; poorAnswer: unknown; followUps: string[]; sources: unknown[]; answer: string; quiz: { items: { type: string }[] } }[] };
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
