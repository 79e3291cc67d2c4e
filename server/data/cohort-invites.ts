import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { getPrisma } from "@/server/db";
import { isRandomToken, sha256Hex } from "@/server/tokens";
import { DataError } from "@/server/data/errors";
import { hitRateLimit } from "@/server/rate-limit";
import { authorize, scopeNotFound, type Actor, type ScopeRef } from "@/server/permissions";
import {
  createCapabilityLink,
  listCapabilityLinks,
  revokeCapabilityLink,
  withCapability,
  type Capability,
  type CapabilityLinkDTO,
} from "@/server/permissions/capabilities";
import { joinScope } from "@/server/permissions/memberships";
import type { CreateInviteSchema } from "@/lib/schemas/cohorts";

/**
 * Cohort invites (docs/decisions/032): one capability link with grant "cohort-join" is both a join link (its
 * 256-bit token, `/cohorts/join/<token>`) and a short code (8 Crockford base32 characters, 40 bits, shown as
 * XXXX-XXXX). Only SHA-256 hashes are stored. A code is short enough to guess at scale, so lookups of unknown
 * codes are rate-limited per address and per account, and once a client is over the limit every code lookup is
 * refused until the window ends (a known code would otherwise confirm a guess). Revocable, optionally expiring,
 * optionally limited in uses (counted atomically by consumeCapability in the joining transaction).
 */

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
const CODE_LENGTH = 8;
/** Unknown codes per client per window before every lookup is refused. */
export const UNKNOWN_CODE_LIMIT = 10;
export const UNKNOWN_CODE_WINDOW_MS = 15 * 60_000;

export class TooManyCodeAttempts extends Error {
  constructor(readonly retryAfterS: number) {
    super(`Too many unknown codes. Try again in ${Math.ceil(retryAfterS / 60)} minutes, or use the invite link.`);
    this.name = "TooManyCodeAttempts";
  }
}

export type CohortInviteDTO = CapabilityLinkDTO & { hasCode: boolean };

const scope = (id: string): ScopeRef<"cohort"> => ({ type: "cohort", id });

function newCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  let out = "";
  for (const b of bytes) out += CODE_ALPHABET[b & 31]; // 256 is a multiple of 32: no bias
  return out;
}

/** Canonical form of a typed code: upper case, dashes and spaces dropped, Crockford's look-alikes folded. */
export function normaliseCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (s.length !== CODE_LENGTH || ![...s].every((c) => CODE_ALPHABET.includes(c))) return null;
  return s;
}

const codeHash = (normalised: string) => sha256Hex(`cohort-code:${normalised}`);
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Make an invite (link + code). Needs cohort.invite (owner, instructor). The token and code are returned once. */
export async function createInvite(
  actor: Actor,
  cohortId: string,
  input: z.output<typeof CreateInviteSchema>,
  now = new Date(),
): Promise<{ token: string; code: string; invite: CohortInviteDTO }> {
  authorize(actor, scope(cohortId), "cohort.invite");
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : undefined;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new DataError("The expiry must be in the future.");
  const prisma = await getPrisma();
  if (!(await prisma.cohort.findUnique({ where: { id: cohortId }, select: { id: true } }))) throw scopeNotFound("cohort");
  const { token, link } = await createCapabilityLink(actor, scope(cohortId), "cohort-join", { expiresAt, maxUses: input.maxUses });
  // 40 random bits: a collision is astronomically rare, but the unique index would refuse it; try again.
  for (let i = 0; ; i++) {
    const code = newCode();
    try {
      await prisma.capabilityLink.update({ where: { id: link.id }, data: { codeHash: codeHash(code) } });
      return { token, code: formatCode(code), invite: { ...link, hasCode: true } };
    } catch (e) {
      if (i >= 3) throw e;
    }
  }
}

export async function listInvites(actor: Actor, cohortId: string): Promise<CohortInviteDTO[]> {
  authorize(actor, scope(cohortId), "cohort.invite");
  const links = await listCapabilityLinks(actor, scope(cohortId));
  const prisma = await getPrisma();
  const withCode = new Set(
    (
      await prisma.capabilityLink.findMany({
        where: { id: { in: links.map((l) => l.id) }, codeHash: { not: null } },
        select: { id: true },
      })
    ).map((r) => r.id),
  );
  return links.map((l) => ({ ...l, hasCode: withCode.has(l.id) }));
}

/** Revoke an invite: from the next request on neither its link nor its code admits anyone. */
export async function revokeInvite(actor: Actor, cohortId: string, inviteId: string, now = new Date()): Promise<void> {
  await revokeCapabilityLink(actor, scope(cohortId), inviteId, now);
}

/** Join through the link's token. Needs an account: an anonymous or guest actor is refused (sign in first). */
export async function joinCohortByToken(actor: Actor, token: string, now = new Date()): Promise<{ cohortId: string }> {
  if (actor.kind !== "user") throw new DataError("Sign in (or create an account) to join a cohort.", "not-found");
  if (!isRandomToken(token)) throw invalidInvite();
  return redeem(actor, await linkByTokenHash(sha256Hex(token), now), now);
}

/**
 * Join with a short code. `clientKey` is the request's address (server/request.ts clientIp). An unknown code
 * counts against the address and the account; over the limit, every lookup is refused (TooManyCodeAttempts).
 */
export async function joinCohortByCode(actor: Actor, rawCode: string, clientKey: string, now = new Date()): Promise<{ cohortId: string }> {
  if (actor.kind !== "user") throw new DataError("Sign in (or create an account) to join a cohort.", "not-found");
  const keys = [`cohort-code:ip:${clientKey}`, `cohort-code:user:${actor.userId}`];
  await refuseIfBlocked(keys, now);
  const code = normaliseCode(rawCode);
  const prisma = await getPrisma();
  const row = code
    ? await prisma.capabilityLink.findUnique({ where: { codeHash: codeHash(code) }, select: { tokenHash: true, id: true } })
    : null;
  const link = row ? await linkByTokenHash(row.tokenHash, now) : null;
  if (!link) {
    let retry = 0;
    let blocked = false;
    for (const key of keys) {
      const hit = await hitRateLimit(key, UNKNOWN_CODE_LIMIT, UNKNOWN_CODE_WINDOW_MS, now.getTime());
      if (!hit.allowed) {
        blocked = true;
        retry = Math.max(retry, hit.retryAfterS);
      }
    }
    if (blocked) throw new TooManyCodeAttempts(retry);
    throw new DataError("That code is not valid (unknown, expired, used up or revoked).", "not-found");
  }
  return redeem(actor, link, now);
}

async function refuseIfBlocked(keys: string[], now: Date) {
  const windowStart = new Date(Math.floor(now.getTime() / UNKNOWN_CODE_WINDOW_MS) * UNKNOWN_CODE_WINDOW_MS);
  const prisma = await getPrisma();
  const rows = await prisma.rateLimitHit.findMany({ where: { key: { in: keys }, windowStart }, select: { count: true } });
  if (rows.some((r) => r.count >= UNKNOWN_CODE_LIMIT)) {
    throw new TooManyCodeAttempts(Math.ceil((windowStart.getTime() + UNKNOWN_CODE_WINDOW_MS - now.getTime()) / 1000));
  }
}

const invalidInvite = () => new DataError("That invite is not valid (expired, used up or revoked).", "not-found");

type Link = { capability: Capability; usedUp: boolean };

/**
 * The invite a token hash names, while it is not revoked or expired (used up is reported, not hidden: a member
 * following a used-up link again is simply let through to their cohort, using nothing). A token and a code name
 * the same row.
 */
async function linkByTokenHash(tokenHash: string, now: Date): Promise<Link | null> {
  const prisma = await getPrisma();
  const row = await prisma.capabilityLink.findFirst({
    where: { tokenHash, grant: "cohort-join", scopeType: "cohort", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, scopeId: true, maxUses: true, uses: true },
  });
  if (!row) return null;
  return {
    capability: { linkId: row.id, scope: scope(row.scopeId), grant: "cohort-join", role: "invitee" },
    usedUp: row.maxUses !== null && row.uses >= row.maxUses,
  };
}

async function redeem(actor: Actor, link: Link | null, now: Date): Promise<{ cohortId: string }> {
  if (actor.kind !== "user") throw new DataError("Sign in (or create an account) to join a cohort.", "not-found");
  if (!link) throw invalidInvite();
  const { capability } = link;
  const cohortId = capability.scope.id;
  authorize(withCapability(actor, capability), scope(cohortId), "cohort.join");
  const userId = actor.userId;
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const already = await tx.membership.findUnique({
      where: { scopeType_scopeId_userId: { scopeType: "cohort", scopeId: cohortId, userId } },
      select: { role: true },
    });
    if (already) return; // a member following the link again uses nothing up
    if (link.usedUp) throw invalidInvite();
    // Count the use atomically, in this transaction: racing joins never exceed maxUses.
    const fields = tx.capabilityLink.fields;
    const { count } = await tx.capabilityLink.updateMany({
      where: {
        id: capability.linkId,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        AND: [{ OR: [{ maxUses: null }, { uses: { lt: fields.maxUses } }] }],
      },
      data: { uses: { increment: 1 } },
    });
    if (count !== 1) throw invalidInvite();
    await joinScope(tx, scope(cohortId), userId, "student");
  });
  return { cohortId };
}
