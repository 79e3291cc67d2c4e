import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Once per run: a migrated PGlite template (dumped to a tarball that each test file loads into a
 * fresh in-memory instance, ~1 s instead of a 5 s initdb) and, when TEST_POSTGRES_URL is set, a
 * migrated template database on that server that each test file copies with CREATE DATABASE … TEMPLATE.
 */
declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

async function migrateWith(exec: (sql: string) => Promise<unknown>, query: (sql: string) => Promise<{ rows: unknown[] }>) {
  // The same runner the app uses, imported lazily so the server-only stub alias applies.
  const { migrate } = await import("@/server/migrate");
  await migrate({ exec: async (s) => void (await exec(s)), query: async <T>(s: string) => (await query(s)).rows as T[] });
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-it-"));
  const db = await PGlite.create();
  await migrateWith(
    (s) => db.exec(s),
    (s) => db.query(s),
  );
  const dump = await db.dumpDataDir("none");
  const tarball = path.join(dir, "template.tar");
  fs.writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("pgliteTemplate", tarball);

  let templateDb: string | null = null;
  const url = process.env.TEST_POSTGRES_URL;
  if (url) {
    templateDb = `layerwise_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.query(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${templateDb}`;
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    await migrateWith(
      (s) => client.query(s),
      (s) => client.query(s),
    );
    await client.end();
  }
  project.provide("postgresTemplate", templateDb);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && templateDb) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `layerwise_%_${process.pid}%`,
      ]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
