import "server-only";
import crypto from "node:crypto";
import { clearRateLimit, hitRateLimit } from "@/server/rate-limit";

/**
 * Brute-force protection for password sign-in that a stranger cannot turn into a lock on someone
 * else's account (docs/decisions/014; ASVS v5 6.3.1, 6.3.8). Every attempt counts against:
 * - the client address, across all accounts (credential stuffing from one place): `clientLimit`;
 * - for a browser that signed in to this account before (a signed "known device" cookie): that device
 *   and account, PER_DEVICE — only that browser's own failures can slow it down;
 * - for any other client: that client and account, PER_ACCOUNT_CLIENT, and the account across all
 *   unknown clients, PER_ACCOUNT_UNKNOWN (a distributed guess at one account).
 * So failures from elsewhere never stop the owner's known browser with the right password; during a
 * large distributed attack on one account, only sign-in from new browsers waits for the window.
 * Keys are the same whether or not the account exists, so a refusal says nothing about existence.
 */
export const WINDOW_MS = 15 * 60 * 1000;
export const PER_DEVICE = 10;
export const PER_ACCOUNT_CLIENT = 10;
export const PER_ACCOUNT_UNKNOWN = 100;

export type SignInClient = { ip: string; /** id of a known-device cookie valid for this email, if any */ deviceId: string | null };
export type ThrottleScope = "client" | "device" | "account-client" | "account";
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterS: number; scope: ThrottleScope };

const emailKey = (email: string) => crypto.createHash("sha256").update(email).digest("base64url");

function keysFor(email: string, client: SignInClient) {
  const account = emailKey(email);
  return {
    client: `signin:ip:${client.ip}`,
    device: client.deviceId ? `signin:device:${client.deviceId}:${account}` : null,
    accountClient: `signin:account-ip:${account}:${client.ip}`,
    account: `signin:account:${account}`,
  };
}

/** Counts this attempt and says whether it may go ahead. Call before checking the password. */
export async function throttleSignIn(email: string, client: SignInClient, clientLimit: number, now = Date.now()): Promise<ThrottleVerdict> {
  const k = keysFor(email, client);
  const checks: [ThrottleScope, string, number][] = [["client", k.client, clientLimit]];
  if (k.device) checks.push(["device", k.device, PER_DEVICE]);
  else checks.push(["account-client", k.accountClient, PER_ACCOUNT_CLIENT], ["account", k.account, PER_ACCOUNT_UNKNOWN]);
  const results = await Promise.all(checks.map(([, key, limit]) => hitRateLimit(key, limit, WINDOW_MS, now)));
  const denied = results.findIndex((r) => !r.allowed);
  if (denied === -1) return { allowed: true };
  return {
    allowed: false,
    scope: checks[denied]![0],
    retryAfterS: Math.max(...results.filter((r) => !r.allowed).map((r) => r.retryAfterS)),
  };
}

/** After the right password: forget this account's failures from this client (and this device). */
export async function clearSignInFailures(email: string, client: SignInClient): Promise<void> {
  const k = keysFor(email, client);
  await Promise.all([clearRateLimit(k.accountClient), ...(k.device ? [clearRateLimit(k.device)] : [])]);
}

/**
 * The known-device cookie: a random device id and an HMAC binding it to one account's email, so it
 * cannot be forged or moved to another account. It is set after a successful sign-in or sign-up.
 */
export const KNOWN_DEVICE_COOKIE = "layerwise-known-device";

function deviceSignature(secret: string, deviceId: string, email: string): string {
  return crypto.createHmac("sha256", secret).update(`known-device\n${deviceId}\n${email}`).digest("base64url");
}

export function knownDeviceCookie(secret: string, email: string, deviceId = crypto.randomBytes(16).toString("base64url")): string {
  return `${deviceId}.${deviceSignature(secret, deviceId, email)}`;
}

/** The device id if the cookie is a valid known-device cookie for this email, else null. */
export function knownDeviceId(secret: string, email: string, cookie: string | undefined): string | null {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? "");
  if (!m) return null;
  const expected = Buffer.from(deviceSignature(secret, m[1]!, email));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? m[1]! : null;
}
