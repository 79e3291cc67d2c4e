import "server-only";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { authorize, type Actor, type ScopeRef, type ScopedRole } from "@/server/permissions";
import { isMembershipRole, isScopeType, type MembershipRole } from "@/server/permissions/table";

/**
 * The membership table: a user's role in a scope. Read once per request into the viewer
 * (server/auth.ts getViewer); written only here.
 */

const MANAGE = { set: "set.members.manage", cohort: "cohort.members.manage" } as const;

type Tx = Prisma.TransactionClient;

/** Every role the user holds through memberships. Rows of an unknown scope kind or role grant nothing (fail closed). */
export async function loadMemberships(userId: string): Promise<ScopedRole[]> {
  const prisma = await getPrisma();
  const rows = await prisma.membership.findMany({ where: { userId }, select: { scopeType: true, scopeId: true, role: true } });
  const roles: ScopedRole[] = [];
  for (const r of rows) {
    if (isScopeType(r.scopeType) && isMembershipRole(r.scopeType, r.role)) {
      roles.push({ scopeType: r.scopeType, scopeId: r.scopeId, role: r.role, via: "membership" });
    }
  }
  return roles;
}

/**
 * Make `userId` the owner of a scope being created, inside the transaction that creates it (the scope's
 * own module calls this; nothing authorises creating a new scope beyond being signed in).
 */
export async function createScopeOwner(tx: Tx, scope: ScopeRef, userId: string): Promise<void> {
  await tx.membership.create({ data: { scopeType: scope.type, scopeId: scope.id, userId, role: "owner" } });
}

/** Delete a scope's memberships and capability links, inside the transaction that deletes the scope. */
export async function deleteScopeAccess(tx: Tx, scope: ScopeRef): Promise<void> {
  await tx.membership.deleteMany({ where: { scopeType: scope.type, scopeId: scope.id } });
  await tx.capabilityLink.deleteMany({ where: { scopeType: scope.type, scopeId: scope.id } });
}

/** Give a user a role in a scope (or change it). Needs the scope's members.manage action. */
export async function setMembership(actor: Actor, scope: ScopeRef, userId: string, role: MembershipRole): Promise<void> {
  authorize(actor, scope, MANAGE[scope.type]);
  if (!isMembershipRole(scope.type, role)) throw new DataError(`A ${scope.type} has no role "${String(role)}".`);
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const key = { scopeType_scopeId_userId: { scopeType: scope.type, scopeId: scope.id, userId } };
    if (role !== "owner") await refuseLastOwner(tx, scope, userId);
    await tx.membership.upsert({ where: key, create: { scopeType: scope.type, scopeId: scope.id, userId, role }, update: { role } });
  });
}

/** Remove a user from a scope. Needs members.manage; the last owner cannot be removed. */
export async function removeMembership(actor: Actor, scope: ScopeRef, userId: string): Promise<void> {
  authorize(actor, scope, MANAGE[scope.type]);
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await refuseLastOwner(tx, scope, userId);
    await tx.membership.deleteMany({ where: { scopeType: scope.type, scopeId: scope.id, userId } });
  });
}

/** Joining through a capability (an invite): the link's own module checks and consumes the link first. */
export async function joinScope(tx: Tx, scope: ScopeRef, userId: string, role: MembershipRole): Promise<void> {
  if (!isMembershipRole(scope.type, role)) throw new DataError(`A ${scope.type} has no role "${String(role)}".`);
  // An existing member keeps their role: an invite never demotes an instructor to a student.
  await tx.membership.upsert({
    where: { scopeType_scopeId_userId: { scopeType: scope.type, scopeId: scope.id, userId } },
    create: { scopeType: scope.type, scopeId: scope.id, userId, role },
    update: {},
  });
}

async function refuseLastOwner(tx: Tx, scope: ScopeRef, userId: string) {
  const owners = await tx.membership.findMany({
    where: { scopeType: scope.type, scopeId: scope.id, role: "owner" },
    select: { userId: true },
  });
  if (owners.length === 1 && owners[0]!.userId === userId) {
    throw new DataError(`The last owner of this ${scope.type} cannot leave or change role; make someone else an owner first.`, "conflict");
  }
}
