import "server-only";
import type { z } from "zod";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import { authorize, can, scopeIdsWhere, scopeNotFound, type Actor, type ScopeRef } from "@/server/permissions";
import { createScopeOwner, deleteScopeAccess } from "@/server/permissions/memberships";
import type { AddInstructorSchema, CreateCohortSchema } from "@/lib/schemas/cohorts";

/**
 * Cohorts (issue 11, docs/decisions/032): the cohort row, and who is in it. Roles are memberships with scope
 * "cohort" (owner, instructor, student; server/permissions/table.ts); every function authorises first and a
 * denial reads as "That cohort was not found." Memberships are read per request (the viewer), so removing
 * someone takes effect on their next request. Invites: cohort-invites.ts; assignments: cohort-assignments.ts.
 */

export type CohortRole = "owner" | "instructor" | "student";

export type CohortSummary = {
  id: string;
  title: string;
  description: string;
  role: CohortRole;
  createdAt: string;
  memberCount: number;
};

export type CohortMemberDTO = { userId: string; name: string | null; email: string; role: CohortRole; joinedAt: string };

export type CohortDTO = {
  id: string;
  title: string;
  description: string;
  createdAt: string;
  role: CohortRole;
  /** Staff see everyone; a student sees the owners, the instructors and themselves only. */
  members: CohortMemberDTO[];
  can: { manageMembers: boolean; invite: boolean; manageAssignments: boolean; readProgress: boolean; removeStudents: boolean };
};

const scope = (id: string): ScopeRef<"cohort"> => ({ type: "cohort", id });

function roleIn(actor: Actor, id: string): CohortRole {
  const roles = actor.roles.filter((r) => r.scopeType === "cohort" && r.scopeId === id && r.via === "membership").map((r) => r.role);
  for (const r of ["owner", "instructor", "student"] as const) if (roles.includes(r)) return r;
  throw scopeNotFound("cohort");
}

function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw new DataError("Sign in to do this.", "not-found");
  return actor.userId;
}

/** Anyone signed in creates a cohort; the creator becomes its owner in the same transaction. */
export async function createCohort(actor: Actor, input: z.output<typeof CreateCohortSchema>): Promise<CohortDTO> {
  const userId = userIdOf(actor);
  const prisma = await getPrisma();
  const row = await prisma.$transaction(async (tx) => {
    const cohort = await tx.cohort.create({
      data: { title: input.title, description: input.description ?? "", createdById: userId },
      select: { id: true },
    });
    await createScopeOwner(tx, scope(cohort.id), userId);
    return cohort;
  });
  // The actor of this request does not yet hold the new membership: read it as the next request will.
  const owner: Actor = { ...actor, roles: [...actor.roles, { scopeType: "cohort", scopeId: row.id, role: "owner", via: "membership" }] };
  return getCohort(owner, row.id);
}

/** The cohorts the actor is a member of (any role), newest first. */
export async function listMyCohorts(actor: Actor): Promise<CohortSummary[]> {
  const ids = scopeIdsWhere(actor, "cohort", "cohort.read");
  if (!ids.length) return [];
  const prisma = await getPrisma();
  const rows = await prisma.cohort.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, description: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const counts = await prisma.membership.groupBy({
    by: ["scopeId"],
    where: { scopeType: "cohort", scopeId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const count = new Map(counts.map((c) => [c.scopeId, c._count._all]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    role: roleIn(actor, r.id),
    createdAt: r.createdAt.toISOString(),
    memberCount: count.get(r.id) ?? 0,
  }));
}

/** One cohort with its members (a student sees only the staff and themselves). */
export async function getCohort(actor: Actor, id: string): Promise<CohortDTO> {
  authorize(actor, scope(id), "cohort.read");
  const prisma = await getPrisma();
  const row = await prisma.cohort.findUnique({ where: { id }, select: { id: true, title: true, description: true, createdAt: true } });
  if (!row) throw scopeNotFound("cohort");
  const staffView = can(actor, scope(id), "cohort.progress.read");
  const me = actor.kind === "user" ? actor.userId : null;
  const members = await prisma.membership.findMany({
    where: {
      scopeType: "cohort",
      scopeId: id,
      ...(staffView ? {} : { OR: [{ role: { in: ["owner", "instructor"] } }, ...(me ? [{ userId: me }] : [])] }),
    },
    select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  const c = scope(id);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    role: roleIn(actor, id),
    members: members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role as CohortRole,
      joinedAt: m.createdAt.toISOString(),
    })),
    can: {
      manageMembers: can(actor, c, "cohort.members.manage"),
      invite: can(actor, c, "cohort.invite"),
      manageAssignments: can(actor, c, "cohort.assignments.manage"),
      readProgress: can(actor, c, "cohort.progress.read"),
      removeStudents: can(actor, c, "cohort.students.remove"),
    },
  };
}

/** The owner makes an existing account an instructor (a student is promoted; an owner stays owner). */
export async function addInstructor(actor: Actor, id: string, input: z.output<typeof AddInstructorSchema>): Promise<CohortMemberDTO> {
  authorize(actor, scope(id), "cohort.members.manage");
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (!user) throw new DataError("No account has that email; ask them to sign up first.", "not-found");
  const key = { scopeType_scopeId_userId: { scopeType: "cohort", scopeId: id, userId: user.id } };
  const existing = await prisma.membership.findUnique({ where: key, select: { role: true } });
  const m =
    existing?.role === "owner"
      ? await prisma.membership.findUniqueOrThrow({ where: key, select: { role: true, createdAt: true } })
      : await prisma.membership.upsert({
          where: key,
          create: { scopeType: "cohort", scopeId: id, userId: user.id, role: "instructor" },
          update: { role: "instructor" },
          select: { role: true, createdAt: true },
        });
  return { userId: user.id, name: user.name, email: user.email, role: m.role as CohortRole, joinedAt: m.createdAt.toISOString() };
}

/**
 * Remove a member. A student: `cohort.students.remove` (owner, instructor); anyone else: `cohort.members.manage`
 * (owner). The last owner cannot be removed. Their next request no longer holds the membership (re-read per request).
 * Their past work stays (the dashboard keeps it under the assignment), but they can no longer read the cohort.
 */
export async function removeMember(actor: Actor, id: string, userId: string): Promise<void> {
  authorize(actor, scope(id), "cohort.read");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({
      where: { scopeType_scopeId_userId: { scopeType: "cohort", scopeId: id, userId } },
      select: { role: true },
    });
    // Only those who may remove someone learn whether they are a member.
    authorize(actor, scope(id), target?.role === "student" ? "cohort.students.remove" : "cohort.members.manage");
    if (!target) throw new DataError("That member was not found.", "not-found");
    if (target.role === "owner") {
      const owners = await tx.membership.count({ where: { scopeType: "cohort", scopeId: id, role: "owner" } });
      if (owners <= 1) throw new DataError("The last owner of this cohort cannot be removed; make someone else an owner first.", "conflict");
    }
    await tx.membership.delete({ where: { scopeType_scopeId_userId: { scopeType: "cohort", scopeId: id, userId } } });
  });
}

/** Delete a cohort with its assignments, memberships and invites (the students' quiz attempts stay theirs). */
export async function deleteCohort(actor: Actor, id: string): Promise<void> {
  authorize(actor, scope(id), "cohort.delete");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.cohort.deleteMany({ where: { id } });
    if (count === 0) throw scopeNotFound("cohort");
    await deleteScopeAccess(tx, scope(id));
  });
}
