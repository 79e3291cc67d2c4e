// `npm test`: the whole suite, in the order that fails fastest —
//   lint (ESLint, zero warnings) → format check (Prettier) → type check → content check
//   → unit + integration + security (Vitest; PostgreSQL too when TEST_POSTGRES_URL is set)
//   → end-to-end in Chromium (Playwright, against a production build on a fresh embedded database).
// Ends with one line "tests: N passed, N failed" summing Vitest and Playwright.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const results = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`[test] ${label} failed (exit ${r.status ?? r.signal})`);
    ok = false;
  }
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

fs.rmSync("test-results", { recursive: true, force: true });
fs.mkdirSync("test-results", { recursive: true });

run("lint (eslint)", "npx", ["eslint", "--max-warnings=0", "."]);
run("format check (prettier)", "npx", ["prettier", "--check", "."]);
run("type check", "npx", ["tsc", "--noEmit"]);
run("content check", "npx", ["tsx", "scripts/content.mts", "check"]);

// The security project fuzzes every API input 1,000 times (tests/security/fuzz.test.ts); SECURITY_FUZZ_RUNS overrides it.
run("unit, integration and security (vitest)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile=test-results/vitest.json",
]);
const v = readJson("test-results/vitest.json");
if (v) {
  results.passed += v.numPassedTests;
  results.failed += v.numFailedTests;
  results.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}

// A fresh embedded database for the end-to-end server (see playwright.config.ts).
const port = process.env.E2E_PORT || "3100";
fs.rmSync(path.join(os.tmpdir(), `layerwise-e2e-${port}`), { recursive: true, force: true });
run("end-to-end (playwright, chromium)", "npx", ["playwright", "test"]);
const p = readJson("test-results/e2e.json");
if (p?.stats) {
  results.passed += p.stats.expected;
  results.failed += p.stats.unexpected + (p.stats.flaky ?? 0);
  results.skipped += p.stats.skipped;
} else {
  ok = false;
}

console.log(`\ntests: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(ok && results.failed === 0 ? 0 : 1);
