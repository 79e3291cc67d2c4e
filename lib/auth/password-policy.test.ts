import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy";

describe("password policy (ASVS 6.2)", () => {
  it("refuses 7 characters and accepts 8", () => {
    expect(checkPassword("qz7#kLm").ok).toBe(false);
    expect(checkPassword("qz7#kLmw").ok).toBe(true);
  });
  it("accepts long passphrases of 64 and 128 characters, with no composition rules", () => {
    expect(checkPassword("a".repeat(20) + " river stone lantern ").ok).toBe(true);
    expect(checkPassword("x".repeat(64)).ok).toBe(true);
    expect(checkPassword("correct horse battery staple ".repeat(4).slice(0, 128)).ok).toBe(true);
    expect(checkPassword("alllowercaseletters").ok).toBe(true);
    expect(checkPassword("river lantern 2024").ok).toBe(true);
  });
  it("refuses the most common passwords, whatever their case", () => {
    for (const p of ["password", "12345678", "iloveyou", "PASSWORD", "qwertyuiop", "password123", "Sunshine2024"]) {
      expect(checkPassword(p)).toMatchObject({ ok: false });
    }
  });
  it("refuses more than 256 characters", () => {
    expect(checkPassword("y".repeat(257)).ok).toBe(false);
  });
  it("refuses the email address or its local part as the password, whatever the case, spaces or trailing digits", () => {
    const email = "Ada.Lovelace@Example.org";
    for (const p of [
      "ada.lovelace@example.org",
      "ADA.LOVELACE@EXAMPLE.ORG",
      "ada.lovelace",
      "Ada.Lovelace",
      " ada.lovelace ",
      "ada.lovelace2024",
    ]) {
      expect(checkPassword(p, { email })).toMatchObject({ ok: false, reason: expect.stringMatching(/email/) });
    }
    expect(checkPassword("ada.lovelace river stone", { email }).ok).toBe(true);
    expect(checkPassword("ada.lovelace", { email: "someone.else@example.org" }).ok).toBe(true);
  });
  it("refuses a password made of whitespace only", () => {
    for (const p of [" ".repeat(8), "\t".repeat(12), " \n \r\t  \u00a0\u2003 ", "\u3000".repeat(9)]) {
      expect(checkPassword(p)).toMatchObject({ ok: false });
    }
  });
});
