import "server-only";
import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { getPrisma } from "@/server/db";
import { env } from "@/server/env";
import { DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { mailConfigured, sendMail } from "@/server/mail";
import { checkPassword, hashPassword } from "@/server/password";
import { randomToken, sha256Hex } from "@/server/tokens";

/**
 * Password reset by email (decision 024). A token is 256 random bits in a link; only its SHA-256 is
 * stored, it expires after RESET_TTL_MS and works once (a conditional UPDATE on `used_at IS NULL`).
 * Asking for a reset answers the same way, as fast, whether or not the address has an account: the
 * lookup and the mail happen after the answer (see requestPasswordReset).
 */
export const RESET_TTL_MS = 30 * 60 * 1000;


/**
 * Reset needs a mail server and a configured public origin (AUTH_URL): the link's origin must never come
 * from a request's Host header, or a forged Host would mail the victim a link to someone else's site.
 */
export function resetAvailable(): boolean {
  return mailConfigured() && Boolean(env().AUTH_URL);
}

export const RequestResetSchema = z.object({ email: text().trim().toLowerCase().max(254).pipe(z.email({ message: "Enter a valid email address." })) });

/**
 * Create a token for the account with this email, if there is one, and mail the link. Resolves once the
 * mail is handed to the SMTP server (tests await it; the action does not, see requestPasswordReset).
 */
export async function issueResetToken(email: string, now = new Date()): Promise<{ sent: boolean }> {
  if (!resetAvailable()) return { sent: false };
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return { sent: false };
  const token = randomToken();
  await prisma.passwordResetToken.create({ data: { userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + RESET_TTL_MS) } });
  const link = new URL(`/reset-password?token=${token}`, env().AUTH_URL).toString();
  await sendMail({
    to: user.email,
    subject: "Reset your Layerwise password",
    text:
      `Someone (hopefully you) asked to reset the password of your Layerwise account.\n\n` +
      `Open this link within ${RESET_TTL_MS / 60_000} minutes to choose a new password (it works once):\n${link}\n\n` +
      `If you did not ask for this, ignore this message; your password stays as it is.\n`,
  });
  return { sent: true };
}

/** Start a reset without waiting for it: the caller answers at once, the same for every address. */
export function requestPasswordReset(email: string): void {
  void issueResetToken(email).catch((e: Error) => logEvent("auth.reset.mail_error", { message: e.message, outcome: "failure" }));
}

export const ResetPasswordSchema = z.object({ token: text().min(20).max(200), password: text().max(1024) });

/**
 * Set a new password with a reset token: used once (the first request wins), only before it expires.
 * Every session of the account ends, and every other reset link of it stops working.
 */
export async function resetPassword(input: z.output<typeof ResetPasswordSchema>, now = new Date()): Promise<{ userId: string }> {
  const policy = checkPassword(input.password);
  if (!policy.ok) throw new DataError(policy.reason);
  const passwordHash = await hashPassword(input.password);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const [used] = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: sha256Hex(input.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    if (!used) throw new DataError("This reset link is not valid: it was already used or has expired. Ask for a new one.");
    await tx.user.update({ where: { id: used.userId }, data: { passwordHash }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: used.userId } });
    await tx.passwordResetToken.updateMany({ where: { userId: used.userId, usedAt: null }, data: { usedAt: now } });
    return { userId: used.userId };
  });
}
