import "server-only";
import { getDatabase } from "@/server/db";
import { logEvent } from "@/server/log";
import { markDatabaseDown, markDatabaseUp } from "@/server/availability";

const TIMEOUT_MS = 2000;

/** `SELECT 1` against the database, bounded in time so a hung server cannot hang the probe. */
export async function checkHealth(): Promise<{ status: "ok"; db: "ok" } | { status: "degraded"; db: "down" }> {
  try {
    await Promise.race([
      getDatabase().then((db) => db.sql.query("SELECT 1")),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref()),
    ]);
    markDatabaseUp();
    return { status: "ok", db: "ok" };
  } catch (e) {
    markDatabaseDown();
    logEvent("health.db.down", { message: (e as Error).message });
    return { status: "degraded", db: "down" };
  }
}
