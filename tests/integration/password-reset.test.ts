import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, expect, it } from "vitest";
import { issueResetToken, resetAvailable, resetPassword, RESET_TTL_MS } from "@/server/data/password-reset";
import { hashPassword, verifyPassword } from "@/server/password";
import { describeEachDatabase } from "./support/databases";

// A real SMTP server on a free port, started before anything reads the environment (server/env.ts caches it).
const inbox: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    stream.on("end", () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
process.env.AUTH_URL = "http://localhost:3999";
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

/** The reset link's token in a received message (quoted-printable soft breaks undone). */
function tokenIn(raw: string): string {
  const body = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const m = /\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(body);
  if (!m) throw new Error(`no reset link in:\n${raw}`);
  return m[1]!;
}

describeEachDatabase("password reset by email", ({ db }) => {
  let n = 0;
  async function user() {
    const email = `reset${++n}-${Date.now()}@reset.test`;
    const u = await db().prisma.user.create({
      data: { email, passwordHash: await hashPassword("the old passphrase") },
      select: { id: true },
    });
    await db().prisma.session.create({
      data: { sessionToken: crypto.randomUUID(), userId: u.id, expires: new Date(Date.now() + 86_400_000) },
    });
    return { id: u.id, email };
  }
  const mailTo = (email: string) => inbox.filter((m) => m.to.includes(email));

  it("mails a link through the SMTP server; the token works once, ends every session, and is stored only as a hash", async () => {
    expect(resetAvailable()).toBe(true);
    const u = await user();
    expect(await issueResetToken(u.email)).toEqual({ sent: true });
    const [mail] = mailTo(u.email);
    expect(mail?.raw).toMatch(/Subject: Reset your Layerwise password/);
    const token = tokenIn(mail!.raw);
    const rows = await db().prisma.passwordResetToken.findMany({ where: { userId: u.id }, select: { tokenHash: true } });
    expect(rows).toEqual([{ tokenHash: crypto.createHash("sha256").update(token).digest("hex") }]);

    expect(await resetPassword({ token, password: "a brand new passphrase" })).toEqual({ userId: u.id });
    const { passwordHash } = await db().prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "a brand new passphrase")).toBe(true);
    expect(await db().prisma.session.count({ where: { userId: u.id } })).toBe(0);

    await expect(resetPassword({ token, password: "yet another passphrase" })).rejects.toThrow(/already used or has expired/);
  });

  it("a token expires", async () => {
    const u = await user();
    const t = new Date();
    await issueResetToken(u.email, t);
    const token = tokenIn(mailTo(u.email)[0]!.raw);
    await expect(resetPassword({ token, password: "a brand new passphrase" }, new Date(t.getTime() + RESET_TTL_MS + 1))).rejects.toThrow(
      /expired/,
    );
    const { passwordHash } = await db().prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "the old passphrase")).toBe(true);
  });

  it("concurrent uses of one token: exactly one wins; a newer token voids older ones once used", async () => {
    const u = await user();
    await issueResetToken(u.email);
    await issueResetToken(u.email);
    const [first, second] = mailTo(u.email).map((m) => tokenIn(m.raw));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => resetPassword({ token: second!, password: `a brand new passphrase ${i}` })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    await expect(resetPassword({ token: first!, password: "another new passphrase" })).rejects.toThrow(/not valid/);
  });

  it("an unknown address gets no mail and no token (and the caller cannot tell)", async () => {
    const before = inbox.length;
    expect(await issueResetToken("nobody-here@reset.test")).toEqual({ sent: false });
    expect(inbox.length).toBe(before);
    await expect(resetPassword({ token: "x".repeat(43), password: "a brand new passphrase" })).rejects.toThrow(/not valid/);
  });

  it("refuses a weak new password and leaves the token usable", async () => {
    const u = await user();
    await issueResetToken(u.email);
    const token = tokenIn(mailTo(u.email)[0]!.raw);
    await expect(resetPassword({ token, password: "short" })).rejects.toThrow(/at least 8/);
    expect(await resetPassword({ token, password: "a brand new passphrase" })).toEqual({ userId: u.id });
  });
});
