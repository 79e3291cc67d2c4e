import crypto from "node:crypto";
import type { PrismaClient } from "@/server/generated/prisma/client";

/**
 * Signed-in users for end-to-end tests without the sign-up form, as Epic Stack's tests do: a user row and
 * a database session row, and the browser gets that session's cookie. The e2e server owns its embedded
 * database (one process per PGlite folder, docs/STACK.md), so the rows cannot be written from the test
 * process; instead the migration step before the server starts (scripts/db-migrate.mts) writes a pool of
 * them when E2E_SESSION_SECRET is set, and tests derive the same tokens from that per-run secret
 * (playwright.config.ts makes one). Nothing is created when the variable is unset.
 */
export const E2E_POOL_SIZE = 200;

export type E2eUser = { email: string; name: string; sessionToken: string };

export function e2eUser(secret: string, index: number): E2eUser {
  if (!Number.isInteger(index) || index < 0 || index >= E2E_POOL_SIZE)
    throw new Error(`e2e user ${index} is outside the pool (0–${E2E_POOL_SIZE - 1})`);
  const sessionToken = crypto.createHmac("sha256", secret).update(`session-${index}`).digest("base64url");
  return { email: `e2e-user-${index}@e2e.test`, name: `E2E User ${index}`, sessionToken };
}

/** Write the pool (idempotent: a restarted server keeps the same users). */
export async function seedE2eSessions(prisma: PrismaClient, secret: string): Promise<number> {
  const users = Array.from({ length: E2E_POOL_SIZE }, (_, i) => e2eUser(secret, i));
  await prisma.user.createMany({ data: users.map((u) => ({ id: `e2e-${u.email}`, email: u.email, name: u.name })), skipDuplicates: true });
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const { count } = await prisma.session.createMany({
    data: users.map((u) => ({ sessionToken: u.sessionToken, userId: `e2e-${u.email}`, expires })),
    skipDuplicates: true,
  });
  return count;
}
