import dumbPasswords from "dumb-passwords";

/**
 * Password rules after NIST SP 800-63B and ASVS 5.0 §6.2: at least 8 characters, long passphrases
 * welcome (up to 256), no composition rules, and the most common passwords refused
 * (the `dumb-passwords` list of the 10,000 most used), also when followed only by digits
 * ("sunshine2024", "password123": a common word plus a number is how most of those lists grow).
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

/**
 * `email` is the account's address: a password that is the address or its local part (whatever the
 * case, with or without trailing digits) is the first thing an attacker tries (ASVS 6.2.11's spirit).
 */
export function checkPassword(password: string, { email }: { email?: string } = {}): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { ok: false, reason: `Use at least ${PASSWORD_MIN} characters.` };
  if (length > PASSWORD_MAX) return { ok: false, reason: `Use at most ${PASSWORD_MAX} characters.` };
  if (password.trim() === "") return { ok: false, reason: "Use some characters that are not spaces." };
  const lower = password.toLowerCase();
  const stem = lower.replace(/\d+$/, "");
  const address = email?.trim().toLowerCase();
  if (address) {
    const local = address.split("@")[0] ?? "";
    const typed = lower.trim();
    if ([typed, stem.trim()].some((p) => p === address || (local.length > 0 && p === local))) {
      return { ok: false, reason: "Do not use your email address (or its first part) as the password." };
    }
  }
  if (dumbPasswords.check(password) || dumbPasswords.check(lower) || (stem.length >= 4 && dumbPasswords.check(stem))) {
    return { ok: false, reason: "This password is one of the most common ones; choose another." };
  }
  return { ok: true };
}
