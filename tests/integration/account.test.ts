import crypto from "node:crypto";
import { expect, it } from "vitest";
import { changePassword, deleteAccount, exportAccount, getMe, signOutEverywhere } from "@/server/data/account";
import { createApiToken, userForApiToken } from "@/server/data/api-tokens";
import { startAttempt, submitAttempt } from "@/server/data/attempts";
import { recordLabRun } from "@/server/data/lab-runs";
import { recordSelfGrade } from "@/server/data/progress";
import { hashPassword, verifyPassword } from "@/server/password";
import { DEFAULT_LAB_SETTINGS } from "@/lib/lab/shared";
import { describeEachDatabase } from "./support/databases";

const SLUG = "layer-freezing";
const PASSWORD = "a long enough passphrase";

describeEachDatabase("account control", ({ db }) => {
  let n = 0;
  /** A user who did a bit of everything: a session, a token, an attempt (so review cards), a self-grade, a lab run. */
  async function busyUser() {
    const prisma = db().prisma;
    const email = `acct${++n}-${Date.now()}@account.test`;
    const u = await prisma.user.create({
      data: { email, name: `User ${n}`, passwordHash: await hashPassword(PASSWORD) },
      select: { id: true },
    });
    const viewer = { id: u.id, email, name: `User ${n}`, memberships: [] };
    const actor = { kind: "user" as const, userId: u.id };
    const sessions = [crypto.randomUUID(), crypto.randomUUID()];
    for (const sessionToken of sessions)
      await prisma.session.create({ data: { sessionToken, userId: u.id, expires: new Date(Date.now() + 86_400_000) } });
    const { token } = await createApiToken(viewer, "script");
    const view = await startAttempt(actor, { slug: SLUG, mode: "full", shuffle: true });
    await submitAttempt(actor, view.id, { version: view.answersVersion });
    await recordSelfGrade(actor, SLUG, [0, 1]);
    await recordLabRun(actor, {
      settings: DEFAULT_LAB_SETTINGS,
      preset: null,
      backend: "wasm",
      results: [
        {
          frozen: 0,
          cached: false,
          trainableParams: 1,
          frozenParams: 0,
          trainFlopsPerSample: 1,
          msPerEpoch: 1,
          totalMs: 1,
          trainAccuracy: 0.5,
          valAccuracy: 0.5,
          testAccuracy: 0.5,
          schedule: "fixed",
        },
      ],
      prediction: null,
      calibration: null,
    });
    return { viewer, sessions, token, attemptId: view.id };
  }

  async function rowsOf(userId: string) {
    const p = db().prisma;
    const where = { userId };
    return {
      users: await p.user.count({ where: { id: userId } }),
      sessions: await p.session.count({ where }),
      apiTokens: await p.apiToken.count({ where }),
      accounts: await p.account.count({ where }),
      selfGrades: await p.questionProgress.count({ where }),
      attempts: await p.quizAttempt.count({ where }),
      reviewCards: await p.reviewCard.count({ where }),
      labRuns: await p.labRun.count({ where }),
    };
  }

  it("GET me says whose account it is, without secrets", async () => {
    const a = await busyUser();
    const me = await getMe(a.viewer);
    expect(me).toMatchObject({ id: a.viewer.id, email: a.viewer.email, name: a.viewer.name, hasPassword: true, interviewDate: null });
    expect(JSON.stringify(me)).not.toContain("argon2");
  });

  it("the export holds exactly the user's own rows, all of them, and no secrets", async () => {
    const a = await busyUser();
    const b = await busyUser();
    const data = await exportAccount(a.viewer);
    const counts = await rowsOf(a.viewer.id);
    expect({
      sessions: data.sessions.length,
      apiTokens: data.apiTokens.length,
      accounts: data.accounts.length,
      selfGrades: data.selfGrades.length,
      attempts: data.quizAttempts.length,
      reviewCards: data.reviewCards.length,
      labRuns: data.labRuns.length,
    }).toEqual({ ...counts, users: undefined, attempts: counts.attempts });
    expect(counts.reviewCards).toBeGreaterThan(0);
    expect(data.user.id).toBe(a.viewer.id);
    for (const row of [...data.selfGrades, ...data.quizAttempts, ...data.reviewCards, ...data.labRuns])
      expect(row.userId).toBe(a.viewer.id);
    expect(data.quizAttempts.map((q) => q.id)).toEqual([a.attemptId]);
    const json = JSON.stringify(data);
    for (const other of [b.viewer.id, b.viewer.email, b.attemptId]) expect(json).not.toContain(other);
    for (const secret of [...a.sessions, a.token, "argon2", "tokenHash", "passwordHash"]) expect(json).not.toContain(secret);
  });

  it("changing the password ends every other session and keeps this one; a wrong current password changes nothing", async () => {
    const a = await busyUser();
    const [mine, other] = a.sessions;
    await expect(
      changePassword(a.viewer, { currentPassword: "wrong password here", newPassword: "another long passphrase" }, mine!),
    ).rejects.toThrow(/not correct/);
    await expect(changePassword(a.viewer, { currentPassword: PASSWORD, newPassword: "short" }, mine!)).rejects.toThrow(/at least 8/);
    expect(await db().prisma.session.count({ where: { userId: a.viewer.id } })).toBe(2);

    expect(await changePassword(a.viewer, { currentPassword: PASSWORD, newPassword: "another long passphrase" }, mine!)).toEqual({
      endedSessions: 1,
    });
    const left = await db().prisma.session.findMany({ where: { userId: a.viewer.id }, select: { sessionToken: true } });
    expect(left).toEqual([{ sessionToken: mine }]);
    expect(left.map((s) => s.sessionToken)).not.toContain(other);
    const { passwordHash } = await db().prisma.user.findUniqueOrThrow({ where: { id: a.viewer.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "another long passphrase")).toBe(true);
    expect(await verifyPassword(passwordHash, PASSWORD)).toBe(false);
  });

  it("sign out everywhere ends every session of the account, and only of that account", async () => {
    const a = await busyUser();
    const b = await busyUser();
    expect(await signOutEverywhere(a.viewer)).toEqual({ endedSessions: 2 });
    expect(await db().prisma.session.count({ where: { userId: a.viewer.id } })).toBe(0);
    expect(await db().prisma.session.count({ where: { userId: b.viewer.id } })).toBe(2);
  });

  it("deleting needs the email typed again, then removes every row of the user (sessions and tokens end) and nobody else's", async () => {
    const a = await busyUser();
    const b = await busyUser();
    const before = await rowsOf(b.viewer.id);
    await expect(deleteAccount(a.viewer, { confirm: "someone@else.test" })).rejects.toThrow(/to confirm/);
    expect((await rowsOf(a.viewer.id)).users).toBe(1);

    expect(await deleteAccount(a.viewer, { confirm: a.viewer.email.toUpperCase().toLowerCase() })).toEqual({ deleted: true });
    expect(await rowsOf(a.viewer.id)).toEqual({
      users: 0,
      sessions: 0,
      apiTokens: 0,
      accounts: 0,
      selfGrades: 0,
      attempts: 0,
      reviewCards: 0,
      labRuns: 0,
    });
    expect(await userForApiToken(a.token)).toBeNull();
    expect(await userForApiToken(b.token)).toMatchObject({ id: b.viewer.id });
    expect(await rowsOf(b.viewer.id)).toEqual(before);
    // A second submit (double click) is not an error.
    expect(await deleteAccount(a.viewer, { confirm: a.viewer.email })).toEqual({ deleted: true });
  });
});
