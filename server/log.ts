import "server-only";
import fs from "node:fs";

/**
 * Security and operational events as one JSON line each on stdout (ASVS 16.3). JSON.stringify
 * escapes control characters, so a user-supplied value cannot forge a second line (16.4.1).
 * Never pass passwords, tokens or cookies here; as a second line of defence every line is scrubbed
 * (`redactFields`): a field whose name says secret (not an `…Id`) is dropped to "[redacted]", and so is any value that
 * looks like a credential (an API token, a share-link or session token, a bearer header).
 * With SECURITY_LOG_FILE set, each line is appended to that file as well (tests read it; a log shipper may).
 */
export type SecurityEvent =
  | "auth.signin.success"
  | "auth.signin.failure"
  | "auth.signup"
  | "auth.signout"
  | "auth.ratelimited"
  | "authz.denied"
  | "ratelimit.exceeded"
  | "link.created"
  | "link.revoked"
  | "token.created"
  | "token.revoked";

type Fields = Record<string, string | number | boolean | null | undefined>;

const SECRET_NAME = /pass(word)?|secret|token|cookie|authorization|credential|hash/i;
// lw_… API tokens; 43-character base64url (256-bit) share-link and session tokens; "Bearer …".
const SECRET_VALUE = /\blw_[A-Za-z0-9_-]{8,}|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|bearer\s+\S+/gi;

export function redactFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_NAME.test(k) && !/Id$/.test(k)) out[k] = "[redacted]";
    else out[k] = typeof v === "string" ? v.replace(SECRET_VALUE, "[redacted]") : v;
  }
  return out;
}

export function logEvent(event: SecurityEvent | (string & {}), fields: Fields = {}): void {
  const line = JSON.stringify({ ts: new Date().toISOString(), event, ...redactFields(fields) }) + "\n";
  process.stdout.write(line);
  const file = process.env.SECURITY_LOG_FILE;
  if (file) {
    try {
      fs.appendFileSync(file, line);
    } catch {
      // the stdout line is the record; a file that cannot be written must not fail the request
    }
  }
}
