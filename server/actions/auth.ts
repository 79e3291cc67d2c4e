"use server";

import crypto from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { adapter, sessionCookieName, signOut, useSecureCookies, getViewer, SESSION_MAX_AGE_S } from "@/server/auth";
import { checkPassword, hashPassword, verifyPassword } from "@/server/password";
import { clearRateLimit, hitRateLimit } from "@/server/rate-limit";
import { clientIp } from "@/server/request";
import { logEvent } from "@/server/log";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { env } from "@/server/env";
import type { FormState } from "@/lib/action-result";
import { fieldErrorsOf } from "@/lib/schemas/common";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address." }));

const SignInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(1024),
  callbackUrl: z.string().optional(),
});

const SignUpSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email,
  password: z.string().max(1024),
  callbackUrl: z.string().optional(),
});

// Per account: 10 attempts per 15 minutes (cleared by a success); per client address: AUTH_CLIENT_RATE_LIMIT (30) (ASVS 6.3.1).
const WINDOW_MS = 15 * 60 * 1000;
const PER_ACCOUNT = 10;
const clientLimit = () => env().AUTH_CLIENT_RATE_LIMIT;

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

/** Create a database session exactly as Auth.js would, and set its cookie (docs/decisions/003). */
async function startSession(userId: string): Promise<void> {
  const sessionToken = crypto.randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  await adapter.createSession({ sessionToken, userId, expires });
  (await cookies()).set(sessionCookieName(), sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: useSecureCookies(),
    expires,
  });
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = SignInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const { email, password, callbackUrl } = parsed.data;
  const ip = await clientIp();

  const [perClient, perAccount] = await Promise.all([
    hitRateLimit(`signin:ip:${ip}`, clientLimit(), WINDOW_MS),
    hitRateLimit(`signin:account:${email}`, PER_ACCOUNT, WINDOW_MS),
  ]);
  if (!perClient.allowed || !perAccount.allowed) {
    logEvent("auth.ratelimited", { ip, scope: perClient.allowed ? "account" : "client", outcome: "denied" });
    const minutes = Math.ceil(Math.max(perClient.retryAfterS, perAccount.retryAfterS) / 60);
    return { ok: false, error: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, values: echo(formData) };
  }

  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  // verifyPassword hashes against a dummy when the user is unknown, so both paths take as long.
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) {
    logEvent("auth.signin.failure", { userId: user?.id ?? null, ip, outcome: "failure" });
    return { ok: false, error: GENERIC_FAILURE, values: echo(formData) };
  }
  await clearRateLimit(`signin:account:${email}`);
  await startSession(user.id);
  logEvent("auth.signin.success", { userId: user.id, ip, outcome: "success" });
  redirect(safeRedirectPath(callbackUrl, "/dashboard"));
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = SignUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const { name, email, password, callbackUrl } = parsed.data;
  const policy = checkPassword(password);
  if (!policy.ok) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { password: policy.reason }, values: echo(formData) };

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
      return { ok: false, error: "An account could not be created with this email. If you already have one, sign in instead.", values: echo(formData) };
    }
    throw e;
  }
  await startSession(userId);
  logEvent("auth.signup", { userId, ip, outcome: "success" });
  redirect(safeRedirectPath(callbackUrl, "/dashboard"));
}

export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) logEvent("auth.signout", { userId: viewer.id, ip: await clientIp(), outcome: "success" });
  // Database strategy: Auth.js deletes the session row, so the old cookie is worthless afterwards.
  await signOut({ redirectTo: "/" });
}
