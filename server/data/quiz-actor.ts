import "server-only";
import { cookies } from "next/headers";
import type { Viewer } from "@/server/auth";
import { getViewer } from "@/server/auth";
import { useSecureCookies } from "@/server/auth";
import { isRandomToken, randomToken, sha256Hex } from "@/server/tokens";
import type { Actor, Owner } from "@/server/permissions";

/**
 * Who is taking a quiz: a signed-in user, or a guest browser identified by a random cookie
 * (only its SHA-256 is stored). Guests' attempts can be added to an account after sign-up.
 * The owner of personal rows; `currentActor` adds the roles the request holds (server/permissions).
 */
export type QuizActor = Owner;

export const GUEST_COOKIE = "lw_guest";

export function actorForViewer(viewer: Viewer): { kind: "user"; userId: string } & Actor {
  return { kind: "user", userId: viewer.id, roles: viewer.memberships };
}

/** The actor of this request; creates the guest cookie when `create` and nobody is signed in. */
export async function currentActor({ create }: { create: boolean }): Promise<(Owner & Actor) | null> {
  const viewer = await getViewer();
  if (viewer) return actorForViewer(viewer);
  const jar = await cookies();
  let key = jar.get(GUEST_COOKIE)?.value;
  if (!isRandomToken(key)) {
    if (!create) return null;
    key = randomToken();
    jar.set(GUEST_COOKIE, key, { httpOnly: true, sameSite: "lax", path: "/", secure: useSecureCookies(), maxAge: 60 * 60 * 24 * 90 });
  }
  return { kind: "guest", guestKeyHash: sha256Hex(key), roles: [] };
}

/** The guest key hash of this browser, if it has one (for importing guest attempts after sign-in). */
export async function guestKeyHashOfRequest(): Promise<string | null> {
  const key = (await cookies()).get(GUEST_COOKIE)?.value;
  return isRandomToken(key) ? sha256Hex(key) : null;
}
