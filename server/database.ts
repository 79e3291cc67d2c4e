import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/server/generated/prisma/client";
import { acquireDatabaseLock } from "@/server/db-lock";

/**
 * Opens the one kind of database we support, PostgreSQL, in one of two places:
 * embedded PGlite in a folder (the default) or a PostgreSQL server. Both are driven through
 * the same generated Prisma client and the same SQL migrations. Used by server/db.ts (the app),
 * the migration/seed scripts and the tests.
 */
export type DatabaseTarget = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** A raw SQL channel, for migrations and health checks. */
export interface SqlExecutor {
  /** Run a multi-statement script (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export type OpenDatabase = { prisma: PrismaClient; sql: SqlExecutor; close(): Promise<void>; target: DatabaseTarget };

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

export function describeTarget(t: DatabaseTarget): string {
  return t.kind === "pglite" ? `embedded database at ${t.dir}` : `PostgreSQL at ${redactUrl(t.url)}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * Every new connection tells whether the server is reachable (server/availability.ts reads the flag; it is
 * set here without importing it, so the migration scripts stay free of app state): a refused connection
 * marks an outage, the first connection that succeeds afterwards ends it.
 */
function watchAvailability(pool: import("pg").Pool) {
  const flag = globalThis as unknown as { layerwiseDatabaseDownSince?: number };
  pool.on("connect", () => {
    flag.layerwiseDatabaseDownSince = undefined;
  });
  // pool.query() calls connect() with a callback; everything else awaits the promise form. Wrap both.
  type Done = (err: Error | undefined, client?: import("pg").PoolClient, release?: () => void) => void;
  const connect = pool.connect.bind(pool) as (done?: Done) => Promise<import("pg").PoolClient> | void;
  const mark = (err: unknown) => {
    if (err) flag.layerwiseDatabaseDownSince ??= Date.now();
  };
  (pool as unknown as { connect: (done?: Done) => unknown }).connect = (done?: Done) => {
    if (done) return connect((err, client, release) => (mark(err), done(err, client, release)));
    return (connect() as Promise<import("pg").PoolClient>).catch((e: unknown) => {
      mark(e);
      throw e;
    });
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  return target.kind === "pglite" ? openPGlite(target) : openPostgres(target);
}

/**
 * PGlite reports an unwritable folder as "PGlite failed to initialize properly", which names nothing; check
 * first, by writing (a permission check would pass for root on a read-only mount), and say which folder and why.
 */
function assertWritable(dir: string) {
  if (!fs.existsSync(dir)) return;
  const probe = path.join(dir, `.write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new DatabaseUnavailableError(
      `The embedded database folder ${dir} is not writable (${code}: ${(e as Error).message.replace(/^\w+: /, "").split(",")[0]}). ` +
        "Give the server's user write access to it, or point DATA_DIR at a writable folder.",
      { cause: e },
    );
  }
}

async function openPGlite(target: { kind: "pglite"; dir: string }): Promise<OpenDatabase> {
  fs.mkdirSync(path.dirname(target.dir), { recursive: true }); // PGlite does not create parent folders
  assertWritable(path.dirname(target.dir));
  assertWritable(target.dir);
  const release = acquireDatabaseLock(target.dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pg = await PGlite.create(target.dir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
    return {
      target,
      prisma,
      sql: {
        exec: async (s) => {
          await pg.exec(s);
        },
        query: async <T>(s: string, params?: unknown[]) => (await pg.query<T>(s, params)).rows,
      },
      close: async () => {
        await prisma.$disconnect();
        await pg.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw new DatabaseUnavailableError(`Could not open the ${describeTarget(target)}: ${(e as Error).message}`, { cause: e });
  }
}

async function openPostgres(target: { kind: "postgres"; url: string }): Promise<OpenDatabase> {
  const { Pool } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Fail fast when the server is down instead of hanging (docs/QUALITY.md F1, F3).
  const pool = new Pool({ connectionString: target.url, connectionTimeoutMillis: 3000, max: 10 });
  pool.on("error", () => {
    /* an idle client died (server restart); the pool replaces it on next use */
  });
  watchAvailability(pool);
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`Could not reach ${describeTarget(target)}: ${(e as Error).message}`, { cause: e });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    target,
    prisma,
    sql: {
      exec: async (s) => {
        await pool.query(s);
      },
      query: async <T>(s: string, params?: unknown[]) => (await pool.query(s, params)).rows as T[],
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
