import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against a production
// build served by the same script as `npm start`, on its own port and its own fresh data folder
// (scripts/test.mjs empties it before each run).
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`; // localhost, not 127.0.0.1: Auth.js builds its URLs with it
export const E2E_DATA_DIR = path.join(os.tmpdir(), `layerwise-e2e-${PORT}`);
// Security events are appended here too (server/log.ts), one fresh file per run, so the security suite can read them.
process.env.SECURITY_LOG_FILE ??= path.join(os.tmpdir(), `layerwise-e2e-${PORT}-${crypto.randomBytes(6).toString("hex")}-security.log`);
// One secret per run, from which the server's seed and the tests derive the same test sessions (tests/e2e/sessions.ts).
// Set here, in the main process, so the workers it forks inherit it.
process.env.E2E_SESSION_SECRET ??= crypto.randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]]
    : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } },
    // The HTTP half of the security suite (tests/security/*.spec.ts; the in-process half is the vitest project "security").
    { name: "security", testDir: "tests/security", testMatch: /\.spec\.ts$/, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: E2E_DATA_DIR,
      AUTH_URL: baseURL,
      DATABASE_URL: "",
      AUTH_CLIENT_RATE_LIMIT: "1000",
      E2E_SESSION_SECRET: process.env.E2E_SESSION_SECRET,
      SECURITY_LOG_FILE: process.env.SECURITY_LOG_FILE,
    },
  },
});
