import fs from "node:fs";
import { inject, describe, beforeAll, afterAll } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { openDatabase, type OpenDatabase } from "@/server/database";

/**
 * Runs a suite against every real database we support: always the embedded PGlite, and the
 * PostgreSQL server too when TEST_POSTGRES_URL is set. Each suite gets its own fresh, migrated copy,
 * installed as the app's connection (server/db.ts keeps it on globalThis), so the data layer under
 * test runs exactly as in the app.
 */
export type Kind = "pglite" | "postgres";

let counter = 0;

async function openPGliteCopy(): Promise<OpenDatabase> {
  const tarball = fs.readFileSync(inject("pgliteTemplate"));
  const db = await PGlite.create({ loadDataDir: new Blob([tarball]) });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    target: { kind: "pglite", dir: "memory://" },
    prisma,
    sql: { exec: async (s) => void (await db.exec(s)), query: async <T>(s: string, p?: unknown[]) => (await db.query<T>(s, p)).rows },
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}

async function openPostgresCopy(): Promise<{ db: OpenDatabase; drop: () => Promise<void> }> {
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `layerwise_t${++counter}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: u.toString() });
  return {
    db,
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const databaseKinds = (): Kind[] => (inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"]);

/** `describeEachDatabase("progress", (ctx) => { it(...) })` — ctx.db() is the open database of the current kind. */
export function describeEachDatabase(name: string, body: (ctx: { db: () => OpenDatabase; kind: Kind }) => void) {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db: OpenDatabase | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (kind === "pglite") db = await openPGliteCopy();
        else ({ db, drop } = await openPostgresCopy());
        (globalThis as { layerwiseDb?: Promise<OpenDatabase> }).layerwiseDb = Promise.resolve(db);
      });
      afterAll(async () => {
        (globalThis as { layerwiseDb?: Promise<OpenDatabase> }).layerwiseDb = undefined;
        await db?.close();
        await drop?.();
      });
      body({ db: () => db!, kind });
    });
  }
}
