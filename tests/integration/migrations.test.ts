import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate, readMigrations } from "@/server/migrate";
import { describeEachDatabase } from "./support/databases";

const exec = (db: PGlite) => ({
  exec: async (s: string) => void (await db.exec(s)),
  query: async <T>(s: string) => (await db.query<T>(s)).rows,
});

describe("migration runner", () => {
  it("applies every migration once, records it, and is a no-op the second time", async () => {
    const db = await PGlite.create();
    const first = await migrate(exec(db));
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(exec(db))).toEqual([]);
    const tables = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        "users",
        "accounts",
        "sessions",
        "verification_tokens",
        "question_progress",
        "rate_limit_hits",
        "_layerwise_migrations",
      ]),
    );
    await db.close();
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const db = await PGlite.create();
    const migrations = readMigrations();
    await migrate(exec(db), migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "different" } : m));
    await expect(migrate(exec(db), edited)).rejects.toThrow(/was changed after it was applied/);
    await db.close();
  });

  it("rolls back a failing migration completely", async () => {
    const db = await PGlite.create();
    const bad = [{ name: "20990101000000_bad", checksum: "x", sql: 'CREATE TABLE "half" (id int); SELECT no_such_function();' }];
    await expect(migrate(exec(db), bad)).rejects.toThrow(/20990101000000_bad failed/);
    const half = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half'");
    expect(half.rows).toHaveLength(0);
    await db.close();
  });
});

describe.runIf(process.env.TEST_POSTGRES_URL)("migration runners deploying at once (PostgreSQL)", () => {
  it("two runners on separate connections apply every migration exactly once, and neither fails", async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    const name = `layerwise_race_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_POSTGRES_URL!);
    url.pathname = `/${name}`;
    const clients = [new pg.Client({ connectionString: url.toString() }), new pg.Client({ connectionString: url.toString() })];
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const runner = (c: pg.Client) => ({
        exec: async (s: string) => void (await c.query(s)),
        query: async <T>(s: string) => (await c.query(s)).rows as T[],
      });
      const [a, b] = await Promise.all(clients.map((c) => migrate(runner(c))));
      expect([...a!, ...b!].sort()).toEqual(readMigrations().map((m) => m.name));
      const recorded = await clients[0]!.query(`SELECT name FROM "_layerwise_migrations"`);
      expect(recorded.rowCount).toBe(readMigrations().length);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describeEachDatabase("schema on the server", ({ db }) => {
  it("has the tables the Prisma client expects", async () => {
    // A real query through the generated client proves the SQL migrations match schema.prisma.
    const user = await db().prisma.user.create({ data: { email: "schema@test.dev" }, select: { id: true } });
    await db().prisma.questionProgress.create({
      data: { userId: user.id, questionSlug: "layer-freezing", keyPointsHit: [0, 2], keyPointsTotal: 5 },
    });
    const rows = await db().prisma.questionProgress.findMany({ where: { userId: user.id } });
    expect(rows[0]?.keyPointsHit).toEqual([0, 2]);
  });
});
