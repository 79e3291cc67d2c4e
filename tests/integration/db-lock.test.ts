import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/database";
import { DatabaseInUseError, lockPath } from "@/server/db-lock";

// Two processes on one PGlite folder corrupt it for good (docs/STACK.md); these tests prove the second opener is refused.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-lock-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("embedded database lock", () => {
  it("refuses a second opener in the same process and frees the folder on close", async () => {
    const dir = path.join(root, "a", "pglite"); // parent folders do not exist yet
    const first = await openDatabase({ kind: "pglite", dir });
    await expect(openDatabase({ kind: "pglite", dir })).rejects.toThrow(DatabaseInUseError);
    await first.close();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
    const again = await openDatabase({ kind: "pglite", dir });
    await again.close();
  });

  it("refuses another process (the migration runner) while the folder is open, with a clear message", async () => {
    const dir = path.join(root, "b", "pglite");
    const db = await openDatabase({ kind: "pglite", dir });
    try {
      const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.mts"], {
        env: { ...process.env, DATA_DIR: path.join(root, "b"), DATABASE_URL: "" },
        encoding: "utf8",
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`in use by pid ${process.pid}`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      await db.close();
    }
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dir = path.join(root, "c", "pglite");
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(lockPath(dir), "2147483646"); // no such pid
    const db = await openDatabase({ kind: "pglite", dir });
    expect(fs.readFileSync(lockPath(dir), "utf8")).toBe(String(process.pid));
    await db.close();
  });

  it("gives a clear error, quickly, when a PostgreSQL server is unreachable", async () => {
    const started = Date.now();
    await expect(openDatabase({ kind: "postgres", url: "postgres://nobody:secret@127.0.0.1:1/none" })).rejects.toThrow(
      /Could not reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("start-up with an unusable database", () => {
  const migrateScript = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.mts"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });

  it("an unreachable PostgreSQL server: one clear line, exit 1, no stack trace, no password", () => {
    const r = migrateScript({ DATABASE_URL: "postgres://app:hunter2@127.0.0.1:1/layerwise" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Could not reach PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/layerwise/);
    expect(r.stderr).not.toContain("hunter2");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a malformed DATABASE_URL names the variable", () => {
    const r = migrateScript({ DATABASE_URL: "mysql://x/y" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("DATABASE_URL: must be a postgres:// URL");
  });
});
