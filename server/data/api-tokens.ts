import "server-only";
import { logEvent } from "@/server/log";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { DataError, notFound } from "@/server/data/errors";
import { randomToken, sha256Hex } from "@/server/tokens";
import { loadMemberships } from "@/server/permissions/memberships";

/**
 * Personal API tokens: 256 random bits shown once as `lw_<base64url>`; only the SHA-256 is stored,
 * so a database leak does not leak tokens and lookup by hash has no timing side channel.
 */
export const TOKEN_PREFIX = "lw_";

export type ApiTokenDTO = { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** Active (unrevoked) tokens a user may hold at once: enough for a few scripts, few enough to keep track of (issue 8). */
export const MAX_ACTIVE_TOKENS = 10;

export async function createApiToken(viewer: Viewer, name: string): Promise<{ token: string; info: ApiTokenDTO }> {
  const token = TOKEN_PREFIX + randomToken();
  const prisma = await getPrisma();
  // Count and insert under a lock on the user's row, so concurrent creates cannot both slip under the cap.
  const row = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${viewer.id} FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new DataError(`You have ${MAX_ACTIVE_TOKENS} active tokens, the most allowed. Revoke one you no longer use first.`, "conflict");
    }
    return tx.apiToken.create({
      data: { userId: viewer.id, name, tokenHash: sha256Hex(token) },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
  });
  logEvent("token.created", { userId: viewer.id, tokenId: row.id });
  return { token, info: toDTO(row) };
}

export async function listApiTokens(viewer: Viewer): Promise<ApiTokenDTO[]> {
  const prisma = await getPrisma();
  const rows = await prisma.apiToken.findMany({
    where: { userId: viewer.id },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDTO);
}

export async function revokeApiToken(viewer: Viewer, id: string): Promise<void> {
  const prisma = await getPrisma();
  const { count } = await prisma.apiToken.updateMany({ where: { id, userId: viewer.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("That token");
  logEvent("token.revoked", { userId: viewer.id, tokenId: id });
}

/** The user a bearer token belongs to, or null for an unknown or revoked token. */
export async function userForApiToken(token: string): Promise<Viewer | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const prisma = await getPrisma();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { id: true, revokedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!row || row.revokedAt) return null;
  await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { ...row.user, memberships: await loadMemberships(row.user.id) };
}

function toDTO(r: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenDTO {
  return { id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null };
}
