import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import path from "node:path";

// Two projects: fast unit tests beside the code, and integration tests
// against a real database (PGlite always, PostgreSQL when TEST_POSTGRES_URL is set).
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server environment; tests import server modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "server/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts"],
          environment: "node",
          // Property tests and subprocess tests run for seconds on a loaded 2-core machine; 5 s is too tight.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // next-auth imports "next/server" without an extension, which Node's ESM loader refuses; inlined, Vite
          // resolves it, so route handlers (app/api) can be called directly in integration tests.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
