import "server-only";
import crypto from "node:crypto";

/**
 * The random secrets the app hands out (guest cookies, API tokens, capability links) and how they are
 * stored: 256 random bits as 43 base64url characters, kept only as their SHA-256 (hex), so a database
 * leak leaks no usable secret and a lookup by hash has no timing side channel.
 */
export const RANDOM_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function isRandomToken(value: string | undefined | null): value is string {
  return typeof value === "string" && RANDOM_TOKEN_PATTERN.test(value);
}

export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
