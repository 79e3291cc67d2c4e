import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { env } from "@/server/env";
import { getPrisma } from "@/server/db";
import { cookies } from "next/headers";
import { isDatabaseUnavailable } from "@/server/availability";
import { checkHealth } from "@/server/health";
import { DatabaseUnavailableError } from "@/server/database";
import { safeRedirectPath } from "@/lib/safe-redirect";
import type { ScopedRole } from "@/server/permissions";
import { loadMemberships } from "@/server/permissions/memberships";

/**
 * Auth.js v5 with database sessions (a session row per sign-in; sign-out deletes it, so a replayed
 * cookie gets nothing — docs/decisions/003). Password sign-in creates the same session row itself in
 * server/actions/auth.ts, because Auth.js's Credentials provider only works with JWT sessions.
 */

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE_S = 24 * 60 * 60;

/** Secure (and `__Secure-`-prefixed) cookies whenever the site is served over HTTPS. */
export function useSecureCookies(): boolean {
  return env().AUTH_URL?.startsWith("https:") ?? false;
}

export function sessionCookieName(): string {
  return `${useSecureCookies() ? "__Secure-" : ""}authjs.session-token`;
}

// The adapter is created lazily: the database must not open on import (or during `next build`).
// Auth.js checks that each method exists, so every method is listed and delegates on first call.
const ADAPTER_METHODS = [
  "createUser",
  "getUser",
  "getUserByEmail",
  "getUserByAccount",
  "updateUser",
  "deleteUser",
  "linkAccount",
  "unlinkAccount",
  "createSession",
  "getSessionAndUser",
  "updateSession",
  "deleteSession",
  "createVerificationToken",
  "useVerificationToken",
] as const;
type FullAdapter = Required<Pick<ReturnType<typeof PrismaAdapter>, (typeof ADAPTER_METHODS)[number]>>;

function lazyAdapter(): FullAdapter {
  let adapter: ReturnType<typeof PrismaAdapter> | undefined;
  const get = async () => (adapter ??= PrismaAdapter(await getPrisma()));
  return Object.fromEntries(
    ADAPTER_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => ((await get())[method] as (...a: unknown[]) => unknown)(...args),
    ]),
  ) as unknown as FullAdapter;
}

export const adapter = lazyAdapter();

function providers(): NextAuthConfig["providers"] {
  const e = env();
  const list: NextAuthConfig["providers"] = [];
  // Never `allowDangerousEmailAccountLinking`: an OAuth account with the same email must not take over a password account.
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  return list;
}

export function oauthProviderIds(): string[] {
  return (providers() ?? []).map((p) => (typeof p === "function" ? p() : p).id);
}

/**
 * What `/api/auth/session` (readable by page scripts) and `auth()` return: the user and the expiry,
 * built field by field. Never spread the adapter's session: it carries `sessionToken`, the HttpOnly
 * cookie's value, which a script must never see (issue 8).
 */
export function sessionPayload(
  session: { expires: Date | string },
  user: { id: string; name?: string | null; email: string; image?: string | null },
): { user: { id: string; name: string | null; email: string; image: string | null }; expires: string } {
  const expires = session.expires instanceof Date ? session.expires.toISOString() : session.expires;
  return { user: { id: user.id, name: user.name ?? null, email: user.email, image: user.image ?? null }, expires };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const secret = env().AUTH_SECRET;
  // Fail closed (GHSA-8fpg-xm3f-6cx3): without a secret nothing authenticates.
  if (!secret) throw new Error("AUTH_SECRET is not set; `npm start` generates one in the data folder.");
  return {
    secret,
    adapter,
    providers: providers(),
    trustHost: true,
    useSecureCookies: useSecureCookies(),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_S, updateAge: SESSION_UPDATE_AGE_S },
    pages: { signIn: "/signin" },
    callbacks: {
      session: ({ session, user }) => sessionPayload(session, user),
      // Auth.js's own redirects (OAuth callback, sign-out) go through the same safe-path rule as the app's.
      redirect: ({ url, baseUrl }) => {
        const target = URL.parse(url, baseUrl);
        const path = target?.origin === new URL(baseUrl).origin ? target.pathname + target.search + target.hash : "/";
        return new URL(safeRedirectPath(path), baseUrl).href;
      },
    },
  };
});

/** The signed-in user, with every role it holds in a scope (docs/ACCESS.md), loaded once per request. */
export type Viewer = { id: string; name: string | null; email: string; memberships: readonly ScopedRole[] };

/** The signed-in user for this request, or null. Memoised per request. Checks the user id, never `!!session`. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // No session cookie, no session: skip Auth.js's session round trip (most of an anonymous API call's time).
  if (!(await hasSessionCookie())) return null;
  const session = await auth().catch((e: unknown) => {
    if (isDatabaseUnavailable(e)) throw e;
    return null;
  });
  const id = session?.user?.id;
  if (typeof id !== "string" || !id) {
    // Auth.js logs a failed session lookup and answers "no session": with a session cookie, make sure that
    // means signed out and not "the database is down" (an outage must never look like a sign-out).
    await assertDatabaseReachable();
    return null;
  }
  return { id, name: session?.user?.name ?? null, email: session?.user?.email ?? "", memberships: await loadMemberships(id) };
});

/** Outside a request (a script, a direct call in a test) there are no cookies to read. */
async function hasSessionCookie(): Promise<boolean> {
  try {
    return (await cookies()).has(sessionCookieName());
  } catch {
    return false;
  }
}

async function assertDatabaseReachable(): Promise<void> {
  if ((await checkHealth()).db !== "ok") throw new DatabaseUnavailableError("The database cannot be reached.");
}

/** For pages: the signed-in viewer, or a redirect to sign-in that comes back to `redirectTo` afterwards. */
export async function requireViewer({ redirectTo }: { redirectTo: string }): Promise<Viewer> {
  const v = await getViewer();
  if (!v) redirect(`/signin?callbackUrl=${encodeURIComponent(redirectTo)}`);
  return v;
}
