import { getPrisma } from "@/server/db";
import type { Viewer } from "@/server/auth";
import type { Actor } from "@/server/permissions";
import { loadMemberships } from "@/server/permissions/memberships";

let n = 0;

/**
 * The one way integration tests make a user: a real row in the suite's database, returned as the
 * viewer the app would see for it (memberships loaded from the table, as getViewer does).
 */
export async function createUser(over: { email?: string; name?: string | null } = {}): Promise<Viewer> {
  const prisma = await getPrisma();
  const email = over.email ?? `user${++n}-${process.pid}-${Date.now()}@layerwise.test`;
  const u = await prisma.user.create({
    data: { email, name: over.name === undefined ? email : over.name },
    select: { id: true, email: true, name: true },
  });
  return { ...u, memberships: await loadMemberships(u.id) };
}

/** The viewer again, as a later request would load it (fresh memberships). */
export async function reloadViewer(viewer: Viewer): Promise<Viewer> {
  return { ...viewer, memberships: await loadMemberships(viewer.id) };
}

/** The quiz actor of a signed-in viewer (what currentActor() returns for it). */
export function actorOf(viewer: Viewer): { kind: "user"; userId: string } & Actor {
  return { kind: "user", userId: viewer.id, roles: viewer.memberships };
}
