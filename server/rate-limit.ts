import "server-only";
import { getPrisma } from "@/server/db";
import { logEvent } from "@/server/log";

/**
 * Fixed-window rate limiting stored in the database, so it holds across restarts and across several
 * app instances on one PostgreSQL server. One atomic upsert per hit.
 */
export type RateLimitResult = { allowed: boolean; count: number; retryAfterS: number };

export async function hitRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_hits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_hits.count + 1
    RETURNING count`;
  const count = Number(rows[0]?.count ?? limit + 1);
  // Logged once per window and key, when the limit is first crossed; the key's kind only (its tail is an address or an email).
  if (count === limit + 1) logEvent("ratelimit.exceeded", { limit: key.split(":")[0], outcome: "denied" });
  return { allowed: count <= limit, count, retryAfterS: Math.ceil((windowStart.getTime() + windowMs - now) / 1000) };
}

/** Forget an account's failures after a successful sign-in. */
export async function clearRateLimit(key: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.rateLimitHit.deleteMany({ where: { key } });
}
