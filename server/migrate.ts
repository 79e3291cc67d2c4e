import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlExecutor } from "@/server/database";

/**
 * Applies `prisma/migrations/<timestamp>_<name>/migration.sql` in order, each in its own
 * transaction, and records it. Prisma 7's `migrate` CLI needs a downloaded engine, so this small
 * runner replaces it (docs/decisions/002). A migration that was edited after it ran is an error.
 */
export const MIGRATIONS_DIR = path.join("prisma", "migrations");

/** Key of the transaction-level advisory lock that serialises concurrent migration runners. */
const MIGRATION_LOCK_KEY = 7_261_128;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = path.resolve(MIGRATIONS_DIR)): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(sql: SqlExecutor, migrations = readMigrations()): Promise<string[]> {
  // Under the lock too: two runners' concurrent CREATE TABLE IF NOT EXISTS can both try to create it.
  await sql.exec(`BEGIN; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}); CREATE TABLE IF NOT EXISTS "_layerwise_migrations" (
    "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()); COMMIT;`);
  const applied = new Map(
    (await sql.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_layerwise_migrations"`)).map((r) => [
      r.name,
      r.checksum,
    ]),
  );
  const ran: string[] = [];
  for (const m of migrations) {
    const previous = applied.get(m.name);
    if (previous) {
      if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
      continue;
    }
    // One transaction per file: a failing migration leaves nothing half-applied. The advisory lock serialises
    // runners that start together (several instances deploying at once, docs/DEPLOY.md): the one that waited
    // finds the file already recorded once the first commits, and skips it.
    const applyOnce =
      `BEGIN;\nSELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});\n${m.sql}\n` +
      `INSERT INTO "_layerwise_migrations" (name, checksum) VALUES ('${m.name}', '${m.checksum}');\nCOMMIT;`;
    const failed = await sql.exec(applyOnce).then(
      () => null,
      async (e: Error) => {
        await sql.exec("ROLLBACK").catch(() => {});
        return e;
      },
    );
    if (failed) {
      // (m.name matches the folder pattern above: digits, lowercase letters and underscores only.)
      const [row] = await sql.query<{ checksum: string }>(`SELECT checksum FROM "_layerwise_migrations" WHERE name = '${m.name}'`);
      if (row?.checksum === m.checksum) continue; // another runner applied it while this one waited
      throw new Error(`Migration ${m.name} failed: ${failed.message}`, { cause: failed });
    }
    ran.push(m.name);
  }
  return ran;
}
