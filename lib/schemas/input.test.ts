import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { NUL_MESSAGE, text } from "./input";

const root = path.resolve(import.meta.dirname, "../..");

/** Every module that declares schemas for request input: actions, the data layer, the API, and the shared input schemas. */
function inputModules(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return walk(rel);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
    });
  return [
    ...walk("server/actions"),
    ...walk("server/data"),
    ...walk("server/api"),
    ...walk("app/api"),
    "lib/quiz/responses.ts",
    "lib/schemas/lab-run.ts",
    "lib/schemas/attempt.ts",
    "lib/schemas/common.ts",
    "lib/content/filters.ts",
  ];
}

describe("text(): the input string schema", () => {
  it("refuses U+0000 anywhere and accepts every other string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        const bad = text().safeParse(`${a}\u0000${b}`);
        expect(bad.success).toBe(false);
        if (!bad.success) expect(bad.error.issues[0]!.message).toBe(NUL_MESSAGE);
        const clean = (a + b).replaceAll("\u0000", "");
        expect(text().safeParse(clean).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps its check through the usual chains (trim, max, regex, optional, record keys)", () => {
    expect(text().trim().max(10).safeParse(" a\u0000 ").success).toBe(false);
    expect(text().regex(/^.+$/s).safeParse("\u0000").success).toBe(false);
    expect(text().optional().safeParse("\u0000").success).toBe(false);
    expect(z.record(text().max(5), z.unknown()).safeParse({ "a\u0000": 1 }).success).toBe(false);
  });

  it("is the only string schema in input modules: a bare z.string() there fails this test", () => {
    const offenders: string[] = [];
    for (const file of inputModules()) {
      const source = fs.readFileSync(path.join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      source.split("\n").forEach((line, i) => {
        if (/\bz\s*\.\s*string\s*\(/.test(line) || /^\s*\.string\s*\(/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
