import "server-only";
import { env, isBuildPhase, pgliteDir } from "@/server/env";
import { openDatabase, type DatabaseTarget, type OpenDatabase } from "@/server/database";

/**
 * The app's one database connection, opened on first use (never on import: an eager client let
 * `next build` open the embedded folder while a server had it, which corrupted it — docs/STACK.md).
 */
export function databaseTarget(): DatabaseTarget {
  const e = env();
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dir: pgliteDir(e) };
}

const globalForDb = globalThis as unknown as { layerwiseDb?: Promise<OpenDatabase> };

export function getDatabase(): Promise<OpenDatabase> {
  if (isBuildPhase()) {
    throw new Error("The database was opened during `next build`. Pages that read it must be dynamic.");
  }
  if (!globalForDb.layerwiseDb) {
    const opening = openDatabase(databaseTarget());
    globalForDb.layerwiseDb = opening;
    // A failed open is not cached: the next request tries again (the server may come back).
    opening.catch(() => {
      if (globalForDb.layerwiseDb === opening) globalForDb.layerwiseDb = undefined;
    });
  }
  return globalForDb.layerwiseDb;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}
