import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { getPrisma } from "@/server/db";
import { selfGradeFreeText, submitAttempt } from "@/server/data/attempts";
import { getAttemptResult, listAttempts } from "@/server/data/attempt-views";
import { DataError } from "@/server/data/errors";
import {
  createSet,
  deleteSet,
  exportSet,
  getCandidateReview,
  getSet,
  getSetAttempt,
  getSetLanding,
  getSetResults,
  getSetResultsCsv,
  gradeSetFreeText,
  importSet,
  listSets,
  listTakenSets,
  regenerateShareLink,
  revokeShareLink,
  saveSetAnswers,
  startSetAttempt,
  submitSetAttempt,
  updateSet,
} from "@/server/data/sets";
import { anonymousActor, scopeNotFound, type Actor } from "@/server/permissions";
import { resolveCapability, withCapability } from "@/server/permissions/capabilities";
import { DEFAULT_SET_SETTINGS, type SetSettings } from "@/lib/schemas/sets";
import type { QuizItem } from "@/lib/schemas/quiz";
import { importGift } from "@/lib/sets/gift";
import { DEFAULT_LAB_SETTINGS } from "@/lib/lab/shared";
import { HOSTILE } from "@/tests/support/hostile-markdown";
import { describeEachDatabase } from "./support/databases";
import { actorOf, createUser, reloadViewer } from "./support/users";

const SINGLE: QuizItem = {
  id: "pick",
  type: "single",
  prompt: "Which is right?",
  keyPoint: 0,
  options: [
    { id: "a", text: "Right", correct: true, rationale: "CANARY-RATIONALE-A" },
    { id: "b", text: "Wrong", correct: false, rationale: "CANARY-RATIONALE-B" },
  ],
};
const NUMERIC: QuizItem = { id: "num", type: "numeric", prompt: "How many?", keyPoint: 0, answer: 42, tolerance: 0, rationale: "Because." };
const custom = (item: QuizItem) => ({ from: "custom" as const, item });
const NOT_FOUND = scopeNotFound("set").message;

let guestN = 0;
const newGuest = (): Actor => ({ kind: "guest", guestKeyHash: `${++guestN}-${process.pid}-${Date.now()}`.padEnd(64, "0"), roles: [] });

async function manager() {
  const viewer = await createUser();
  return { viewer, actor: actorOf(viewer) };
}

/** A set owned by a new user, its share link, and the owner as a later request sees it (membership loaded). */
async function ownedSet(settings: Partial<SetSettings> = {}, items = [custom(SINGLE), custom(NUMERIC)]) {
  const { viewer, actor } = await manager();
  const set = await createSet(actor, { title: "Screen", items, settings: { ...DEFAULT_SET_SETTINGS, ...settings } });
  const owner = actorOf(await reloadViewer(viewer));
  const link = await regenerateShareLink(owner, set.id);
  return { set, owner, token: link.path.slice(3) };
}

async function viaLink(actor: Actor, token: string): Promise<Actor> {
  return withCapability(actor, await resolveCapability(token));
}

async function denied(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DataError);
  expect((e as DataError).code).toBe("not-found");
  expect((e as DataError).message).toBe(NOT_FOUND);
}

const GUEST = { candidate: { name: "Ann Guest", email: "ann@example.test" } };

describeEachDatabase("question sets", () => {
  it("access matrix: every owner operation is the owner's; others get exactly 'not found'", async () => {
    const { set, owner, token } = await ownedSet();
    const other = await ownedSet();
    const otherManager = other.owner;
    const candidate = await viaLink(newGuest(), token);
    const otherCandidate = await viaLink(newGuest(), other.token);
    const revoked = await ownedSet();
    const revokedActor = newGuest();
    await revokeShareLink(revoked.owner, revoked.set.id);
    const revokedCandidate = await viaLink(revokedActor, revoked.token);
    const signedInNobody = actorOf(await createUser());

    const ownerOps: [string, (a: Actor) => Promise<unknown>][] = [
      ["get", (a) => getSet(a, set.id)],
      ["update", (a) => updateSet(a, set.id, { title: "Renamed" })],
      ["results", (a) => getSetResults(a, set.id)],
      ["results.csv", (a) => getSetResultsCsv(a, set.id)],
      ["export gift", (a) => exportSet(a, set.id, "gift")],
      ["export markdown", (a) => exportSet(a, set.id, "markdown")],
      ["share-link", (a) => regenerateShareLink(a, set.id)],
      ["revoke", (a) => revokeShareLink(a, set.id)],
    ];
    const outsiders: [string, Actor][] = [
      ["another manager", otherManager],
      ["candidate of this set", candidate],
      ["candidate of another set", otherCandidate],
      ["revoked-link candidate", revokedCandidate],
      ["signed-in stranger", signedInNobody],
      ["anonymous", anonymousActor()],
    ];
    for (const [, actor] of outsiders) {
      for (const [, op] of ownerOps) await denied(op(actor));
      await denied(deleteSet(actor, set.id));
      expect((await listSets(actor)).map((s) => s.id)).not.toContain(set.id);
    }
    // Candidate operations: only holders of this set's live link.
    for (const [name, actor] of outsiders) {
      if (name === "candidate of this set") continue;
      await denied(getSetLanding(actor, set.id));
      await denied(startSetAttempt(actor, set.id, GUEST, null));
    }
    await denied(getSetLanding(owner, set.id)); // the owner manages the set; candidates take it
    expect((await getSetLanding(candidate, set.id)).title).toBe("Screen");
    // The owner may do everything (delete last).
    for (const [, op] of ownerOps.slice(0, 6)) await expect(op(owner)).resolves.toBeDefined();
    expect((await listSets(owner)).map((s) => s.id)).toEqual([set.id]);
    await deleteSet(owner, set.id);
    await denied(getSet(owner, set.id));
    // A set id that never existed reads the same as one that is not yours.
    await denied(getSet(owner, "c000000000000000000000000"));
  });

  it("a revoked or regenerated link is refused on the next request; a new one works", async () => {
    const { set, owner, token } = await ownedSet();
    expect(await resolveCapability(token)).not.toBeNull();
    const fresh = await regenerateShareLink(owner, set.id);
    expect(await resolveCapability(token)).toBeNull();
    const candidate = await viaLink(newGuest(), fresh.path.slice(3));
    await expect(getSetLanding(candidate, set.id)).resolves.toBeDefined();
    await revokeShareLink(owner, set.id);
    await denied(getSetLanding(await viaLink(newGuest(), fresh.path.slice(3)), set.id));
    expect((await getSet(owner, set.id)).shareLink).toBeNull();
    expect(fresh.path).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
  });

  it("the share token: 256 bits of base64url, never stored, only its SHA-256; the API and set never return it again", async () => {
    const { set, owner, token } = await ownedSet();
    const tokens = [token];
    for (let i = 0; i < 20; i++) tokens.push((await regenerateShareLink(owner, set.id)).path.slice(3));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) expect(Buffer.from(t, "base64url").length).toBeGreaterThanOrEqual(32); // ≥ 128 bits required; 256 given
    const prisma = await getPrisma();
    const rows = await prisma.capabilityLink.findMany({ where: { scopeType: "set", scopeId: set.id } });
    expect(rows.map((r) => r.tokenHash).sort()).toEqual(tokens.map((t) => createHash("sha256").update(t).digest("hex")).sort());
    const everything = JSON.stringify(rows) + JSON.stringify(await getSet(owner, set.id));
    for (const t of tokens) expect(everything).not.toContain(t);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1); // one live link per set
  });

  it("a guest takes the set: server grading, double submit, answers never before submit, results with name and email", async () => {
    const { set, owner, token } = await ownedSet({ review: { show: "score-rationales", when: "on-submit" } });
    const guest = await viaLink(newGuest(), token);
    await expect(startSetAttempt(guest, set.id, {}, null)).rejects.toThrow(/name and email/);
    const view = await startSetAttempt(guest, set.id, GUEST, null);
    expect(JSON.stringify(view)).not.toMatch(/CANARY|"correct"|rationale|"answer"|tolerance/);
    const again = await startSetAttempt(guest, set.id, GUEST, null);
    expect(again.id).toBe(view.id);
    await saveSetAnswers(guest, set.id, view.id, { version: 0, answers: { pick: { type: "single", optionId: "a" } } });
    // The client's score is ignored: the body schema strips it, grading recomputes.
    const reviews = await Promise.all(
      Array.from({ length: 10 }, () =>
        submitSetAttempt(guest, set.id, view.id, { answers: { num: { type: "numeric", value: 41 } }, version: 1 }),
      ),
    );
    expect(new Set(reviews.map((r) => r.score))).toEqual(new Set([1]));
    expect(reviews[0]!.items!.map((i) => i.id)).toEqual(["pick", "num"]);
    const results = await getSetResults(owner, set.id);
    expect(results.candidates).toHaveLength(1);
    expect(results.candidates[0]).toMatchObject({ name: "Ann Guest", email: "ann@example.test", score: 1, max: 2, status: "submitted" });
    expect(results.items.map((i) => [i.itemId, i.shareRight, i.mostChosenWrong])).toEqual([
      ["pick", 1, null],
      ["num", 0, { answer: "41", count: 1 }],
    ]);
    // The personal attempt routes never hand out a set attempt's key, whatever the policy.
    const owned = { kind: "guest" as const, guestKeyHash: (guest as { guestKeyHash: string }).guestKeyHash };
    await expect(getAttemptResult(owned, view.id)).rejects.toThrow("That attempt was not found.");
    await expect(submitAttempt(owned, view.id, { version: view.answersVersion })).rejects.toThrow("That attempt was not found.");
    // One attempt allowed (the default): a second start is refused, the landing says why.
    await expect(startSetAttempt(guest, set.id, GUEST, null)).rejects.toThrow(/every attempt/);
    expect((await getSetLanding(guest, set.id)).canStart).toEqual({ ok: false, reason: "You have used every attempt this set allows." });
  });

  it("editing a set after a candidate started never changes their attempt", async () => {
    const { set, owner, token } = await ownedSet({ attemptsAllowed: 2 });
    const guest = await viaLink(newGuest(), token);
    const view = await startSetAttempt(guest, set.id, GUEST, null);
    const flipped: QuizItem = { ...SINGLE, prompt: "Edited prompt", options: SINGLE.options.map((o) => ({ ...o, correct: !o.correct })) };
    await updateSet(owner, set.id, { items: [custom(flipped)] });
    expect((await getSetAttempt(guest, set.id, view.id)).items.map((i) => i.prompt)).toEqual(["Which is right?", "How many?"]);
    const review = await submitSetAttempt(guest, set.id, view.id, {
      version: view.answersVersion,
      answers: { pick: { type: "single", optionId: "a" } },
    });
    expect(review.score).toBe(1); // graded with the key it started with
    const second = await startSetAttempt(guest, set.id, GUEST, null);
    expect(second.items.map((i) => i.prompt)).toEqual(["Edited prompt"]);
  });

  it("review policy × phase, through the data layer", async () => {
    const t0 = new Date("2030-01-01T10:00:00Z");
    const closesAt = "2030-01-01T12:00:00.000Z";
    const afterClose = new Date("2030-01-01T12:00:01Z");
    const cases: [SetSettings["review"], string, string][] = [
      [{ show: "none", when: "on-submit" }, "nothing", "nothing"],
      [{ show: "score", when: "on-submit" }, "score", "score"],
      [{ show: "score", when: "after-close" }, "nothing", "score"],
      [{ show: "score-rationales", when: "on-submit" }, "full", "full"],
      [{ show: "score-rationales", when: "after-close" }, "nothing", "full"],
    ];
    for (const [review, afterSubmit, closed] of cases) {
      const { set, token } = await ownedSet({ review, closesAt });
      const guest = await viaLink(newGuest(), token);
      const view = await startSetAttempt(guest, set.id, GUEST, null, t0);
      const before = await getCandidateReview(guest, set.id, view.id, t0);
      expect([before.visibility.show, before.score, before.items]).toEqual(["nothing", null, null]);
      const submitted = await submitSetAttempt(
        guest,
        set.id,
        view.id,
        { version: view.answersVersion, answers: { pick: { type: "single", optionId: "b" } } },
        t0,
      );
      const seen = (r: typeof submitted) => JSON.stringify(r);
      expect(submitted.visibility.show).toBe(afterSubmit);
      expect(seen(submitted).includes("CANARY-RATIONALE")).toBe(afterSubmit === "full");
      expect(submitted.score !== null).toBe(afterSubmit !== "nothing");
      const later = await getCandidateReview(guest, set.id, view.id, afterClose);
      expect(later.visibility.show).toBe(closed);
      expect(seen(later).includes("CANARY-RATIONALE")).toBe(closed === "full");
    }
  });

  it("the set's settings are in force: dates, account, time limit (capped by the close date)", async () => {
    const now = new Date("2030-06-01T10:00:00Z");
    const early = await ownedSet({ opensAt: "2030-06-02T00:00:00.000Z" });
    await expect(startSetAttempt(await viaLink(newGuest(), early.token), early.set.id, GUEST, null, now)).rejects.toThrow(/not open yet/);
    const closed = await ownedSet({ closesAt: "2030-06-01T09:00:00.000Z" });
    await expect(startSetAttempt(await viaLink(newGuest(), closed.token), closed.set.id, GUEST, null, now)).rejects.toThrow(/closed/);
    const account = await ownedSet({ accountRequired: true });
    await expect(startSetAttempt(await viaLink(newGuest(), account.token), account.set.id, GUEST, null, now)).rejects.toThrow(/sign in/);
    const user = await createUser({ name: "Una User" });
    const asUser = await viaLink(actorOf(user), account.token);
    const v = await startSetAttempt(asUser, account.set.id, {}, { name: user.name, email: user.email }, now);
    expect(v.deadline).toBeNull();
    const timed = await ownedSet({ timeLimitMinutes: 30, closesAt: "2030-06-01T10:10:00.000Z" });
    const tv = await startSetAttempt(await viaLink(newGuest(), timed.token), timed.set.id, GUEST, null, now);
    expect(tv.deadline).toBe("2030-06-01T10:10:00.000Z");
    // The signed-in candidate's attempt is in their own history, and their name comes from the account.
    const prisma = await getPrisma();
    expect(await prisma.quizAttempt.count({ where: { userId: user.id, contextType: "set", contextId: account.set.id } })).toBe(1);
    await submitSetAttempt(asUser, account.set.id, v.id, { version: v.answersVersion }, now);
    expect(await listTakenSets(actorOf(user), now)).toEqual([
      { attemptId: v.id, title: "Screen", status: "submitted", submittedAt: now.toISOString(), score: 0, maxScore: 2 },
    ]);
    expect((await listAttempts(actorOf(user))).map((a) => a.id)).not.toContain(v.id); // personal history stays personal
    expect((await getSetResults(account.owner, account.set.id, now)).candidates[0]).toMatchObject({ name: "Una User", email: user.email });
  });

  it("results show the lab runs a signed-in candidate made while the attempt was open", async () => {
    const { set, owner, token } = await ownedSet();
    const user = await createUser();
    const candidate = await viaLink(actorOf(user), token);
    const t0 = new Date("2031-01-01T10:00:00Z");
    const prisma = await getPrisma();
    const run = (at: string, preset: string | null) =>
      prisma.labRun.create({
        data: {
          userId: user.id,
          preset,
          backend: "cpu",
          settings: { ...DEFAULT_LAB_SETTINGS },
          results: [{ valAccuracy: 0.9 }],
          calibration: 80,
          createdAt: new Date(at),
        },
      });
    await run("2031-01-01T09:59:00Z", "before");
    const view = await startSetAttempt(candidate, set.id, {}, { name: null, email: user.email }, t0);
    const during = await run("2031-01-01T10:05:00Z", "cost");
    await submitSetAttempt(candidate, set.id, view.id, { version: view.answersVersion }, new Date("2031-01-01T10:10:00Z"));
    await run("2031-01-01T10:11:00Z", "after");
    const results = await getSetResults(owner, set.id);
    expect(results.candidates[0]!.labRuns.map((r) => [r.id, r.preset, r.results, r.calibration])).toEqual([
      [during.id, "cost", [{ valAccuracy: 0.9 }], 80],
    ]);
    expect(results.candidates[0]!.labRuns[0]!.replayHref).toMatch(/^\/lab\?.*preset=cost/);
  });

  it("results show a guest candidate's lab runs from the browser that took the attempt, while it was open", async () => {
    const { set, owner, token } = await ownedSet();
    const browser = newGuest();
    const guest = await viaLink(browser, token);
    const stranger = newGuest();
    const key = (a: Actor) => (a as { guestKeyHash: string }).guestKeyHash;
    const prisma = await getPrisma();
    const run = (guestKeyHash: string, at: string, preset: string) =>
      prisma.labRun.create({
        data: {
          guestKeyHash,
          preset,
          backend: "cpu",
          settings: { ...DEFAULT_LAB_SETTINGS },
          results: [{ valAccuracy: 0.7 }],
          createdAt: new Date(at),
        },
      });
    await run(key(browser), "2031-02-01T09:59:00Z", "small-data");
    const view = await startSetAttempt(guest, set.id, GUEST, null, new Date("2031-02-01T10:00:00Z"));
    const during = await run(key(browser), "2031-02-01T10:03:00Z", "cost");
    await run(key(stranger), "2031-02-01T10:04:00Z", "cache"); // another browser, same minute: not this candidate's
    // Open attempt: runs up to now count.
    const open = await getSetResults(owner, set.id, new Date("2031-02-01T10:05:00Z"));
    expect(open.candidates[0]!.labRuns.map((r) => r.id)).toEqual([during.id]);
    await submitSetAttempt(guest, set.id, view.id, { version: view.answersVersion }, new Date("2031-02-01T10:06:00Z"));
    await run(key(browser), "2031-02-01T10:07:00Z", "in-practice"); // after submit
    const results = await getSetResults(owner, set.id);
    expect(results.candidates[0]!.labRuns.map((r) => [r.id, r.preset])).toEqual([[during.id, "cost"]]);
    expect(results.candidates[0]!.labRuns[0]!.replayHref).toMatch(/^\/lab\?.*preset=cost/);
    expect((await getSetResultsCsv(owner, set.id)).length).toBeGreaterThan(0);
  });

  it("free text: the rubric stays hidden from the candidate, only the set's owner grades, the score follows", async () => {
    const FREE: QuizItem = {
      id: "explain",
      type: "freetext",
      prompt: "Explain.",
      keyPoint: 0,
      rubric: ["CANARY-RUBRIC-ONE", "CANARY-RUBRIC-TWO"],
      modelAnswer: "CANARY-MODEL",
    };
    const { set, owner, token } = await ownedSet({ review: { show: "score", when: "on-submit" } }, [custom(SINGLE), custom(FREE)]);
    const guest = await viaLink(newGuest(), token);
    const view = await startSetAttempt(guest, set.id, GUEST, null);
    expect(JSON.stringify(view)).not.toMatch(/CANARY/);
    const answers = { pick: { type: "single", optionId: "a" }, explain: { type: "freetext", text: "Because of both points." } };
    const submitted = await submitSetAttempt(guest, set.id, view.id, { answers, version: view.answersVersion });
    expect(JSON.stringify(submitted)).not.toMatch(/CANARY/); // policy "score": no rubric, no model answer
    expect(submitted.score).toBe(1); // the free-text item waits for the owner's grade
    // The candidate cannot grade their own set answer through the personal quiz's self-grade.
    const owned = { kind: "guest" as const, guestKeyHash: (guest as { guestKeyHash: string }).guestKeyHash };
    await expect(selfGradeFreeText(owned, view.id, { itemId: "explain", ticked: [0, 1] })).rejects.toThrow(/not found/i);
    await denied(gradeSetFreeText(guest, set.id, { attemptId: view.id, itemId: "explain", ticked: [0, 1] }));
    const other = await ownedSet();
    await denied(gradeSetFreeText(other.owner, set.id, { attemptId: view.id, itemId: "explain", ticked: [0, 1] }));
    await denied(gradeSetFreeText(other.owner, other.set.id, { attemptId: view.id, itemId: "explain", ticked: [0] }));
    // The owner grades: bad input is refused, a grade recomputes the stored score, a re-grade replaces it.
    await expect(gradeSetFreeText(owner, set.id, { attemptId: view.id, itemId: "explain", ticked: [2] })).rejects.toThrow(
      /numbered 0 to 1/,
    );
    await expect(gradeSetFreeText(owner, set.id, { attemptId: view.id, itemId: "pick", ticked: [0] })).rejects.toThrow(/not a free-text/);
    expect(await gradeSetFreeText(owner, set.id, { attemptId: view.id, itemId: "explain", ticked: [1, 1] })).toEqual({ score: 1.5 });
    expect(await gradeSetFreeText(owner, set.id, { attemptId: view.id, itemId: "explain", ticked: [0, 1] })).toEqual({ score: 2 });
    const results = await getSetResults(owner, set.id);
    const row = results.candidates[0]!;
    expect(row.score).toBe(2);
    expect(row.answers.find((a) => a.itemId === "explain")).toMatchObject({
      graded: true,
      rubric: [
        { text: "CANARY-RUBRIC-ONE", ticked: true },
        { text: "CANARY-RUBRIC-TWO", ticked: true },
      ],
    });
    const review = await getCandidateReview(guest, set.id, view.id);
    expect(review.score).toBe(2);
    expect(JSON.stringify(review)).not.toMatch(/CANARY/);
  });

  it("free text of an open attempt cannot be graded", async () => {
    const FREE: QuizItem = { id: "ex", type: "freetext", prompt: "Explain.", keyPoint: 0, rubric: ["a", "b"], modelAnswer: "m" };
    const { set, owner, token } = await ownedSet({}, [custom(FREE)]);
    const guest = await viaLink(newGuest(), token);
    const view = await startSetAttempt(guest, set.id, GUEST, null);
    await expect(gradeSetFreeText(owner, set.id, { attemptId: view.id, itemId: "ex", ticked: [0] })).rejects.toThrow(
      /after the candidate submits/,
    );
  });

  it("CSV export neutralises formula cells a candidate typed", async () => {
    const { set, owner, token } = await ownedSet();
    const guest = await viaLink(newGuest(), token);
    const v = await startSetAttempt(
      guest,
      set.id,
      { candidate: { name: '=HYPERLINK("http://evil.test","x")', email: "e@example.test" } },
      null,
    );
    await submitSetAttempt(guest, set.id, v.id, { version: v.answersVersion });
    const csv = await getSetResultsCsv(owner, set.id);
    const row = csv.split("\r\n")[1]!;
    expect(row.startsWith('"\'=HYPERLINK(""http://evil.test"",""x"")",e@example.test,submitted,0,2,')).toBe(true);
  });

  it("GIFT import creates a set with the report; export gives the same questions back", async () => {
    const { actor } = await manager();
    const text = readFileSync(new URL("../fixtures/gift/moodle-test-fixture.gift.txt", import.meta.url), "utf8");
    const { set, report } = await importSet(actor, { format: "gift", text, title: "From Moodle" });
    expect(set.items).toHaveLength(7);
    expect(report.entries.filter((e) => e.kind === "skipped").map((e) => e.line)).toEqual([2, 5]);
    const owner = actorOf(await reloadViewer({ id: actor.userId, name: null, email: "", memberships: [] }));
    const exported = await exportSet(owner, set.id, "gift");
    expect(importGift(exported.text).items).toEqual(importGift(text).items);
    await expect(importSet(actor, { format: "gift", text: "::Q8:: How are you? {}" })).rejects.toThrow(/line 1: essay/);
  });

  it("hostile Markdown in custom items reaches the candidate inert", async () => {
    const items = HOSTILE.map((h, i) =>
      custom({
        id: `h${i}`,
        type: "truefalse",
        prompt: h,
        keyPoint: 0,
        answer: true,
        rationale: h,
      }),
    );
    const { set, token } = await ownedSet({ review: { show: "score-rationales", when: "on-submit" } }, items);
    const guest = await viaLink(newGuest(), token);
    const view = await startSetAttempt(guest, set.id, GUEST, null);
    for (const item of view.items) {
      expect(item.promptHtml).not.toMatch(/<script|<iframe|<svg|\son\w+=|href="\s*(javascript|vbscript|data):|src="\s*(javascript|data):/i);
    }
  });
});
