import "server-only";
import { DatabaseUnavailableError } from "@/server/database";

/**
 * Is the database unreachable right now, and was this error that? An outage must read as an outage
 * (503 with Retry-After, a "temporarily unavailable" page), never as "signed out" or a generic 500.
 *
 * The state lives on globalThis so that scripts/serve.mjs, which runs Next in this same process, can turn
 * a page's 5xx into the 503 page while the database is down (a page cannot set its own status code).
 */
const state = globalThis as unknown as { layerwiseDatabaseDownSince?: number };

/** Seconds a client should wait before retrying during an outage (the pool reconnects on the next request). */
export const RETRY_AFTER_S = 5;

export function markDatabaseDown(): void {
  state.layerwiseDatabaseDownSince ??= Date.now();
}

export function markDatabaseUp(): void {
  state.layerwiseDatabaseDownSince = undefined;
}

export function databaseIsDown(): boolean {
  return state.layerwiseDatabaseDownSince !== undefined;
}

// Prisma's codes for "cannot reach / lost / timed out waiting for" the database server.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// Driver-adapter error kinds for the same, and SQLSTATEs of a server shutting down or refusing connections.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;
const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Connection refused/i;

/** True when `e` (or anything it wraps) says the database could not be reached. Marks the outage. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [e];
  while (queue.length) {
    const x = queue.shift();
    if (!x || typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    const o = x as {
      name?: unknown;
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    const hit =
      x instanceof DatabaseUnavailableError ||
      o.name === "DatabaseUnavailableError" ||
      (typeof o.code === "string" && (PRISMA_CODES.has(o.code) || ERRNO.has(o.code) || SQLSTATES.test(o.code))) ||
      (typeof o.kind === "string" && ADAPTER_KINDS.has(o.kind)) ||
      (typeof o.message === "string" && MESSAGES.test(o.message));
    if (hit) {
      markDatabaseDown();
      return true;
    }
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return false;
}
