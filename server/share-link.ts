import "server-only";
import { cookies } from "next/headers";
import { useSecureCookies } from "@/server/auth";
import { currentActor } from "@/server/data/quiz-actor";
import { anonymousActor, type Actor } from "@/server/permissions";
import { resolveCapability, withCapability, type Capability } from "@/server/permissions/capabilities";
import { isRandomToken } from "@/server/tokens";

/**
 * A set's share link, on the request side: `/s/<token>` stores the token in this cookie and redirects to `/s`,
 * so the token leaves the address bar and history. Every later request re-resolves it (revoking takes effect
 * at once); the cookie grants nothing by itself.
 */
export const SHARE_COOKIE = "lw_share";
export const SHARE_COOKIE_MAX_AGE_S = 12 * 60 * 60;

export function shareCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: useSecureCookies(), maxAge: SHARE_COOKIE_MAX_AGE_S };
}

/** The actor of this request with the role the share cookie's link grants (if it is still valid), and the set. */
export async function shareActor({ createGuest }: { createGuest: boolean }): Promise<{ actor: Actor; capability: Capability | null }> {
  const token = (await cookies()).get(SHARE_COOKIE)?.value;
  const capability = isRandomToken(token) ? await resolveCapability(token) : null;
  const base = (await currentActor({ create: createGuest && capability !== null })) ?? anonymousActor();
  return {
    actor: withCapability(base, capability?.scope.type === "set" ? capability : null),
    capability: capability?.scope.type === "set" ? capability : null,
  };
}
