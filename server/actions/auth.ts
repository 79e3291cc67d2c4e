"use server";

import crypto from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { adapter, sessionCookieName, signOut, useSecureCookies, getViewer, SESSION_MAX_AGE_S } from "@/server/auth";
import { checkPassword, hashPassword, verifyPassword } from "@/server/password";
import { hitRateLimit } from "@/server/rate-limit";
import {
  KNOWN_DEVICE_COOKIE,
  WINDOW_MS,
  clearSignInFailures,
  knownDeviceCookie,
  knownDeviceId,
  throttleSignIn,
} from "@/server/sign-in-throttle";
import { clientIp } from "@/server/request";
import { logEvent } from "@/server/log";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { env } from "@/server/env";
import type { FormState } from "@/lib/action-result";
import { fieldErrorsOf } from "@/lib/schemas/common";

const email = text()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address." }));

const SignInSchema = z.object({
  email,
  password: text().min(1, "Enter your password.").max(1024),
  callbackUrl: text().optional(),
});

const SignUpSchema = z.object({
  name: text().trim().max(100).optional(),
  email,
  password: text().max(1024),
  callbackUrl: text().optional(),
});

// Sign-in throttling (per client, per known device, per account and client, per account): server/sign-in-throttle.ts, decision 014.
const clientLimit = () => env().AUTH_CLIENT_RATE_LIMIT;
const secret = () => env().AUTH_SECRET ?? "";

const GENERIC_FAILURE = "Email or password is incorrect.";

/** What the user typed, to put back in the form after an error (never the password). */
function echo(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["name", "email"]) {
    const v = formData.get(key);
    if (typeof v === "string") out[key] = v.slice(0, 254);
  }
  return out;
}

/**
 * Create a database session exactly as Auth.js would, and set its cookie (docs/decisions/003). Also marks
 * this browser as a known device for the account, which strangers' failures cannot lock (decision 014).
 */
async function startSession(userId: string, email: string): Promise<void> {
  const sessionToken = crypto.randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  await adapter.createSession({ sessionToken, userId, expires });
  const jar = await cookies();
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure: useSecureCookies() } as const;
  jar.set(sessionCookieName(), sessionToken, { ...options, expires });
  jar.set(KNOWN_DEVICE_COOKIE, knownDeviceCookie(secret(), email), { ...options, maxAge: 365 * 24 * 60 * 60 });
}

// An action is a public endpoint: a direct POST can send anything in place of the form (issue 8), so check it is one.
const NOT_A_FORM: FormState = { ok: false, error: "The request was not valid." };

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = SignInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const { email, password, callbackUrl } = parsed.data;
  const ip = await clientIp();
  const client = { ip, deviceId: knownDeviceId(secret(), email, (await cookies()).get(KNOWN_DEVICE_COOKIE)?.value) };

  const verdict = await throttleSignIn(email, client, clientLimit());
  if (!verdict.allowed) {
    logEvent("auth.ratelimited", { ip, scope: verdict.scope, outcome: "denied" });
    const minutes = Math.ceil(verdict.retryAfterS / 60);
    return {
      ok: false,
      error: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      values: echo(formData),
    };
  }

  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  // verifyPassword hashes against a dummy when the user is unknown, so both paths take as long.
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) {
    logEvent("auth.signin.failure", { userId: user?.id ?? null, ip, outcome: "failure" });
    return { ok: false, error: GENERIC_FAILURE, values: echo(formData) };
  }
  await clearSignInFailures(email, client);
  await startSession(user.id, email);
  logEvent("auth.signin.success", { userId: user.id, ip, outcome: "success" });
  redirect(safeRedirectPath(callbackUrl, "/dashboard"));
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = SignUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const { name, email, password, callbackUrl } = parsed.data;
  const policy = checkPassword(password, { email });
  if (!policy.ok)
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { password: policy.reason }, values: echo(formData) };

  const ip = await clientIp();
  const limit = await hitRateLimit(`signup:ip:${ip}`, clientLimit(), WINDOW_MS);
  if (!limit.allowed) {
    logEvent("auth.ratelimited", { ip, scope: "signup", outcome: "denied" });
    return { ok: false, error: "Too many sign-up attempts from this network. Try again later.", values: echo(formData) };
  }

  const prisma = await getPrisma();
  let userId: string;
  try {
    const user = await prisma.user.create({
      data: { email, name: name || null, passwordHash: await hashPassword(password) },
      select: { id: true },
    });
    userId = user.id;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return {
        ok: false,
        error: "An account could not be created with this email. If you already have one, sign in instead.",
        values: echo(formData),
      };
    }
    throw e;
  }
  await startSession(userId, email);
  logEvent("auth.signup", { userId, ip, outcome: "success" });
  redirect(safeRedirectPath(callbackUrl, "/dashboard"));
}

export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) logEvent("auth.signout", { userId: viewer.id, ip: await clientIp(), outcome: "success" });
  // Database strategy: Auth.js deletes the session row, so the old cookie is worthless afterwards.
  await signOut({ redirectTo: "/" });
}
