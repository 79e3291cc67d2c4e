import "server-only";
import { z } from "zod";
import { text } from "@/lib/schemas/input";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import { checkPassword, hashPassword, verifyPassword } from "@/server/password";
import { hitRateLimit, clearRateLimit } from "@/server/rate-limit";
import { listApiTokens } from "@/server/data/api-tokens";

/**
 * An account its owner controls: who am I, export everything, change the password (other sessions
 * end), sign out everywhere, delete the account. Every function acts on the viewer's own rows only.
 */

export type MeDTO = { id: string; email: string; name: string | null; createdAt: string; interviewDate: string | null; hasPassword: boolean };

export async function getMe(viewer: Viewer): Promise<MeDTO> {
  const prisma = await getPrisma();
  const u = await prisma.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { id: true, email: true, name: true, createdAt: true, interviewDate: true, passwordHash: true },
  });
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    createdAt: u.createdAt.toISOString(),
    interviewDate: u.interviewDate?.toISOString().slice(0, 10) ?? null,
    hasPassword: u.passwordHash !== null,
  };
}

/** Bumped when the shape of the export changes. */
export const EXPORT_VERSION = 1;

/**
 * Everything stored about the viewer, as JSON. Secrets are left out by design — the password hash,
 * session and API token values (only their hashes are stored anyway), OAuth tokens — and named as such.
 */
export async function exportAccount(viewer: Viewer, now = new Date()) {
  const prisma = await getPrisma();
  const userId = viewer.id;
  const [me, accounts, sessions, apiTokens, selfGrades, attempts, reviewCards, labRuns] = await Promise.all([
    getMe(viewer),
    prisma.account.findMany({ where: { userId }, select: { provider: true, providerAccountId: true, type: true, createdAt: true } }),
    prisma.session.findMany({ where: { userId }, select: { createdAt: true, expires: true }, orderBy: { createdAt: "asc" } }),
    listApiTokens(viewer),
    prisma.questionProgress.findMany({ where: { userId }, orderBy: { questionSlug: "asc" } }),
    prisma.quizAttempt.findMany({ where: { userId }, orderBy: { startedAt: "asc" }, omit: { guestKeyHash: true } }),
    prisma.reviewCard.findMany({ where: { userId }, orderBy: [{ questionSlug: "asc" }, { itemId: "asc" }] }),
    prisma.labRun.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, omit: { guestKeyHash: true } }),
  ]);
  return {
    format: "layerwise-account-export",
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    notIncluded: ["the items (with their key) of attempts still in progress", "password hash", "session and API token secrets (only their SHA-256 is stored)", "OAuth access and refresh tokens"],
    user: me,
    accounts,
    sessions,
    apiTokens,
    selfGrades,
    // An open attempt's snapshot holds its answer key: exported only once the attempt is submitted (QUALITY Q1;
    // tests/security/http.spec.ts found the export handing it out before submit).
    quizAttempts: attempts.map((a) => (a.status === "submitted" ? a : { ...a, itemsSnapshot: null })),
    reviewCards,
    labRuns,
  };
}
export type AccountExport = Awaited<ReturnType<typeof exportAccount>>;

export const ChangePasswordSchema = z.object({
  /** Required when the account has a password (an OAuth-only account sets its first one). */
  currentPassword: text().max(1024).default(""),
  newPassword: text().max(1024),
});

// Guessing the current password through this form is as rate-limited as signing in.
const CHANGE_LIMIT = 10;
const CHANGE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Change the password and end every other session of the account (a stolen session does not survive
 * it). `keepSessionToken` is the caller's own session, which stays signed in.
 */
export async function changePassword(viewer: Viewer, input: z.output<typeof ChangePasswordSchema>, keepSessionToken: string | null): Promise<{ endedSessions: number }> {
  const policy = checkPassword(input.newPassword);
  if (!policy.ok) throw new DataError(policy.reason);
  const key = `password-change:${viewer.id}`;
  const limit = await hitRateLimit(key, CHANGE_LIMIT, CHANGE_WINDOW_MS);
  if (!limit.allowed) throw new DataError(`Too many attempts. Try again in ${Math.ceil(limit.retryAfterS / 60)} minutes.`, "conflict");
  const prisma = await getPrisma();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (user.passwordHash !== null && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DataError("The current password is not correct.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash }, select: { id: true } });
    return tx.session.deleteMany({ where: { userId: viewer.id, ...(keepSessionToken ? { NOT: { sessionToken: keepSessionToken } } : {}) } });
  });
  await clearRateLimit(key);
  return { endedSessions: ended.count };
}

/** End every session of the account, this one included. API tokens are separate (revoked under /settings/tokens). */
export async function signOutEverywhere(viewer: Viewer): Promise<{ endedSessions: number }> {
  const prisma = await getPrisma();
  const { count } = await prisma.session.deleteMany({ where: { userId: viewer.id } });
  return { endedSessions: count };
}

export const DeleteAccountSchema = z.object({
  /** The account's email, typed again: the confirmation. */
  confirm: text().trim().toLowerCase().max(254),
});

/**
 * Delete the account and everything it owns. One DELETE of the user row: every table that holds a
 * user's data references it with ON DELETE CASCADE (sessions, API tokens, OAuth accounts, attempts,
 * self-grades, review cards, lab runs), so the sessions and tokens stop working in the same statement.
 */
export async function deleteAccount(viewer: Viewer, input: z.output<typeof DeleteAccountSchema>): Promise<{ deleted: true }> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: viewer.id }, select: { email: true } });
  if (!user) return { deleted: true }; // already gone (a double submit)
  if (input.confirm !== user.email.toLowerCase()) throw new DataError("Type your account's email address exactly to confirm.");
  await prisma.user.deleteMany({ where: { id: viewer.id } });
  return { deleted: true };
}
