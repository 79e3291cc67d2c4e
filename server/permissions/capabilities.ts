import "server-only";
import { cache } from "react";
import { getPrisma } from "@/server/db";
import { isRandomToken, randomToken, sha256Hex } from "@/server/tokens";
import { DataError, notFound } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { authorize, type Actor, type ScopeRef } from "@/server/permissions";
import { CAPABILITY_GRANTS, isCapabilityGrant, type CapabilityGrant, type LinkRole } from "@/server/permissions/table";

/**
 * Capability links: a set's share link, a cohort's invite. The token (256 random bits, base64url) is
 * shown once; only its SHA-256 is stored. Presenting a valid token adds exactly one link role in one
 * scope to the request's actor (`withCapability`), re-checked on every request: once a link is revoked,
 * expired or used up, it resolves to nothing.
 */

const MANAGE = { set: "set.share", cohort: "cohort.invite" } as const;

export type Capability = { linkId: string; scope: ScopeRef; grant: CapabilityGrant; role: LinkRole };

export type CapabilityLinkDTO = {
  id: string;
  grant: CapabilityGrant;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
};

const DTO_SELECT = { id: true, grant: true, createdAt: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true } as const;

/** Create a link granting `grant` in `scope`. Needs the scope's share/invite action; returns the token once. */
export async function createCapabilityLink(
  actor: Actor,
  scope: ScopeRef,
  grant: CapabilityGrant,
  { expiresAt, maxUses }: { expiresAt?: Date; maxUses?: number } = {},
): Promise<{ token: string; link: CapabilityLinkDTO }> {
  authorize(actor, scope, MANAGE[scope.type]);
  if (CAPABILITY_GRANTS[grant].scopeType !== scope.type) throw new DataError(`A "${grant}" link cannot be made for a ${scope.type}.`);
  if (maxUses !== undefined && !(Number.isInteger(maxUses) && maxUses >= 1))
    throw new DataError("A link's use limit is a whole number of at least 1.");
  const token = randomToken();
  const prisma = await getPrisma();
  const row = await prisma.capabilityLink.create({
    data: {
      tokenHash: sha256Hex(token),
      scopeType: scope.type,
      scopeId: scope.id,
      grant,
      createdById: actor.kind === "user" ? actor.userId : null,
      expiresAt: expiresAt ?? null,
      maxUses: maxUses ?? null,
    },
    select: DTO_SELECT,
  });
  logEvent("link.created", {
    actor: actor.kind === "user" ? actor.userId : actor.kind,
    scope: `${scope.type}:${scope.id}`,
    grant,
    linkId: row.id,
  });
  return { token, link: toDTO(row) };
}

/** A scope's links, newest first. Needs the scope's share/invite action. */
export async function listCapabilityLinks(actor: Actor, scope: ScopeRef): Promise<CapabilityLinkDTO[]> {
  authorize(actor, scope, MANAGE[scope.type]);
  const prisma = await getPrisma();
  const rows = await prisma.capabilityLink.findMany({
    where: { scopeType: scope.type, scopeId: scope.id },
    select: DTO_SELECT,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDTO);
}

/** Revoke a link of the scope: from the next request on it grants nothing. Needs the scope's share/invite action. */
export async function revokeCapabilityLink(actor: Actor, scope: ScopeRef, linkId: string, now = new Date()): Promise<void> {
  authorize(actor, scope, MANAGE[scope.type]);
  const prisma = await getPrisma();
  const { count } = await prisma.capabilityLink.updateMany({
    where: { id: linkId, scopeType: scope.type, scopeId: scope.id, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) throw notFound("That link");
  logEvent("link.revoked", { actor: actor.kind === "user" ? actor.userId : actor.kind, scope: `${scope.type}:${scope.id}`, linkId });
}

function validWhere(now: Date) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** What a token grants right now, or null (malformed, unknown, revoked, expired, used up). Memoised per request. */
export const resolveCapability = cache(async (token: string, now: Date = new Date()): Promise<Capability | null> => {
  if (!isRandomToken(token)) return null;
  const prisma = await getPrisma();
  const row = await prisma.capabilityLink.findFirst({
    where: { tokenHash: sha256Hex(token), ...validWhere(now) },
    select: { id: true, scopeType: true, scopeId: true, grant: true, maxUses: true, uses: true },
  });
  if (!row || !isCapabilityGrant(row.grant)) return null;
  if (row.maxUses !== null && row.uses >= row.maxUses) return null;
  const { scopeType, role } = CAPABILITY_GRANTS[row.grant];
  if (row.scopeType !== scopeType) return null;
  return { linkId: row.id, scope: { type: scopeType, id: row.scopeId }, grant: row.grant, role };
});

/** The actor plus exactly the role the capability grants, in its one scope. */
export function withCapability(actor: Actor, capability: Capability | null): Actor {
  if (!capability) return actor;
  const { linkId, scope, role } = capability;
  return { ...actor, roles: [...actor.roles, { scopeType: scope.type, scopeId: scope.id, role, via: "link", linkId }] };
}

/**
 * Count one use of a link (an invite redeemed), atomically and only while it is still valid, so a
 * link with `maxUses` is never redeemed more often than that even by racing requests. Returns false
 * when the link no longer grants anything.
 */
export async function consumeCapability(linkId: string, now = new Date()): Promise<boolean> {
  const prisma = await getPrisma();
  const link = prisma.capabilityLink.fields;
  const { count } = await prisma.capabilityLink.updateMany({
    where: { id: linkId, ...validWhere(now), AND: [{ OR: [{ maxUses: null }, { uses: { lt: link.maxUses } }] }] },
    data: { uses: { increment: 1 } },
  });
  return count === 1;
}

function toDTO(r: {
  id: string;
  grant: string;
  createdAt: Date;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
}): CapabilityLinkDTO {
  return {
    id: r.id,
    grant: r.grant as CapabilityGrant,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    maxUses: r.maxUses,
    uses: r.uses,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}
