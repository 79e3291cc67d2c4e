"use server";

import { redirect } from "next/navigation";
import { DataError } from "@/server/data/errors";
import { RequestResetSchema, ResetPasswordSchema, requestPasswordReset, resetAvailable, resetPassword } from "@/server/data/password-reset";
import { hitRateLimit } from "@/server/rate-limit";
import { clientIp } from "@/server/request";
import { env } from "@/server/env";
import { logEvent } from "@/server/log";
import type { FormState } from "@/lib/action-result";

const WINDOW_MS = 15 * 60 * 1000;
const PER_ADDRESS = 3;

/** The same answer for every address, whether or not it has an account (no enumeration). */
/** A direct POST whose body is not a form (the action's second argument): nothing to do. */
const NOT_A_FORM: FormState = { ok: false, error: "Send the form on this page." };

const SENT = "If an account uses that address, a reset link is on its way. It works once, within 30 minutes.";

export async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  if (!resetAvailable()) return { ok: false, error: "Password reset by email is not available on this server." };
  const parsed = RequestResetSchema.safeParse({ email: formData.get("email") });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { email: "Enter a valid email address." } };
  const ip = await clientIp();
  const perClient = await hitRateLimit(`reset:ip:${ip}`, env().AUTH_CLIENT_RATE_LIMIT, WINDOW_MS);
  if (!perClient.allowed) return { ok: false, error: "Too many reset requests from this network. Try again later." };
  // Over the per-address limit nothing more is mailed, and the answer stays the same.
  const perAddress = await hitRateLimit(`reset:address:${parsed.data.email}`, PER_ADDRESS, WINDOW_MS);
  if (perAddress.allowed) requestPasswordReset(parsed.data.email);
  logEvent("auth.reset.requested", { ip, outcome: perAddress.allowed ? "accepted" : "limited" });
  return { ok: true, message: SENT };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = ResetPasswordSchema.safeParse({ token: formData.get("token"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, error: "This reset link is not valid: it was already used or has expired. Ask for a new one." };
  try {
    const { userId } = await resetPassword(parsed.data);
    logEvent("auth.reset.done", { userId, outcome: "success" });
  } catch (e) {
    if (e instanceof DataError)
      return { ok: false, error: e.message, fieldErrors: /link/.test(e.message) ? undefined : { password: e.message } };
    throw e;
  }
  redirect("/signin?reset=1");
}
