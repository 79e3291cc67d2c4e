import "server-only";

/**
 * Security and operational events as one JSON line each on stdout (ASVS 16.3). JSON.stringify
 * escapes control characters, so a user-supplied value cannot forge a second line (16.4.1).
 * Never pass passwords, tokens or cookies here.
 */
export type SecurityEvent =
  "auth.signin.success" | "auth.signin.failure" | "auth.signup" | "auth.signout" | "auth.ratelimited" | "authz.denied";

export function logEvent(
  event: SecurityEvent | (string & {}),
  fields: Record<string, string | number | boolean | null | undefined> = {},
): void {
  process.stdout.write(JSON.stringify({ ts: new Date().toISOString(), event, ...fields }) + "\n");
}
