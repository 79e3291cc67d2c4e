import { expect, it } from "vitest";
import { getQuizItemsWithKey } from "@/server/content";
import { startAttempt, submitAttempt } from "@/server/data/attempts";
import { getAttemptResult } from "@/server/data/attempt-views";
import { getGuestOffer, importGuestData } from "@/server/data/guest-import";
import { listRecentLabRuns, recordLabRun } from "@/server/data/lab-runs";
import { getSelfGrade, recordSelfGrade } from "@/server/data/progress";
import { getReviewQueue } from "@/server/data/review-cards";
import type { QuizActor } from "@/server/data/quiz-actor";
import { DEFAULT_LAB_SETTINGS } from "@/lib/lab/shared";
import type { LabRunInput } from "@/lib/schemas/lab-run";
import { describeEachDatabase } from "./support/databases";

const SLUG = "layer-freezing";
const items = getQuizItemsWithKey(SLUG)!;
const machineGraded = items.filter((i) => i.type !== "freetext");

const labRun: LabRunInput = {
  settings: { ...DEFAULT_LAB_SETTINGS, n: 50 },
  preset: "small-data",
  backend: "wasm",
  results: [
    {
      frozen: 0,
      cached: false,
      trainableParams: 18821,
      frozenParams: 0,
      trainFlopsPerSample: 95242,
      msPerEpoch: 12,
      totalMs: 250,
      trainAccuracy: 0.9,
      valAccuracy: 0.8,
      testAccuracy: 0.8,
      schedule: "fixed",
    },
  ],
  prediction: { speedupK3: 3, bestFrozen: 1, bestAccuracy: 0.88 },
  calibration: 60,
};

describeEachDatabase("guest import at sign-up", ({ db }) => {
  let n = 0;
  const t0 = new Date("2026-11-30T10:00:00Z");
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  async function newUser(): Promise<{ kind: "user"; userId: string }> {
    const u = await db().prisma.user.create({ data: { email: `import${++n}-${Date.now()}@guest.test` }, select: { id: true } });
    return { kind: "user", userId: u.id };
  }
  const guest = (): { kind: "guest"; guestKeyHash: string } => ({ kind: "guest", guestKeyHash: `g${++n}`.padEnd(64, "0") });

  /** A wrong quiz (nothing answered), 3 of the key points ticked, and a lab run with a prediction. */
  async function actAsCandidate(actor: QuizActor) {
    const view = await startAttempt(actor, { slug: SLUG, mode: "full", shuffle: true }, t0);
    await submitAttempt(actor, view.id, { version: view.answersVersion }, at(60));
    await recordSelfGrade(actor, SLUG, [0, 1, 2], at(90));
    await recordLabRun(actor, labRun);
    return view.id;
  }

  it("offers everything a guest did, and imports all of it once even under ten concurrent imports", async () => {
    const g = guest();
    const attemptId = await actAsCandidate(g);
    expect(await getGuestOffer(g.guestKeyHash)).toEqual({ attempts: 1, selfGrades: 1, labRuns: 1 });

    const user = await newUser();
    const results = await Promise.all(Array.from({ length: 10 }, () => importGuestData(user.userId, g.guestKeyHash)));
    const sum = (k: keyof (typeof results)[number]) => results.reduce((s, r) => s + r[k], 0);
    expect({ attempts: sum("attempts"), selfGrades: sum("selfGrades"), labRuns: sum("labRuns"), reviewCards: sum("reviewCards") }).toEqual({
      attempts: 1,
      selfGrades: 1,
      labRuns: 1,
      reviewCards: machineGraded.length,
    });

    const prisma = db().prisma;
    expect(await prisma.quizAttempt.count({ where: { userId: user.userId } })).toBe(1);
    expect((await getAttemptResult(user, attemptId)).id).toBe(attemptId);
    expect((await getSelfGrade(user, SLUG))?.keyPointsHit).toEqual([0, 1, 2]);
    const runs = await listRecentLabRuns(user);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ calibration: 60, prediction: labRun.prediction });
    expect(await prisma.reviewCard.count({ where: { userId: user.userId } })).toBe(machineGraded.length);

    // Nothing is left with the guest, nothing is offered again, and a later import changes nothing.
    expect(await getGuestOffer(g.guestKeyHash)).toEqual({ attempts: 0, selfGrades: 0, labRuns: 0 });
    expect(await importGuestData(user.userId, g.guestKeyHash)).toEqual({ attempts: 0, selfGrades: 0, labRuns: 0, reviewCards: 0 });
    expect(await prisma.guestQuestionProgress.count({ where: { guestKeyHash: g.guestKeyHash } })).toBe(0);
  });

  it("schedules imported attempts exactly as if they had been made signed in", async () => {
    const g = guest();
    await actAsCandidate(g);
    const imported = await newUser();
    await importGuestData(imported.userId, g.guestKeyHash);
    const signedIn = await newUser();
    await actAsCandidate(signedIn);

    const cards = async (userId: string) =>
      (
        await db().prisma.reviewCard.findMany({
          where: { userId },
          select: { itemId: true, due: true, card: true },
          orderBy: { itemId: "asc" },
        })
      ).map((c) => ({ ...c }));
    expect(await cards(imported.userId)).toEqual(await cards(signedIn.userId));
    // The missed items are due within minutes of the attempt (FSRS "again"), so the queue has them.
    const queue = await getReviewQueue(imported.userId, at(60 * 60));
    expect(queue[0]?.itemIds.sort()).toEqual(machineGraded.map((i) => i.id).sort());
  });

  it("keeps a newer signed-in self-grade over an older guest one, and a guest's open attempt where the user has one open", async () => {
    const g = guest();
    await recordSelfGrade(g, SLUG, [0], at(0));
    await startAttempt(g, { slug: SLUG, mode: "full", shuffle: true }, at(0));
    const user = await newUser();
    await recordSelfGrade(user, SLUG, [1, 2, 3], at(500));
    await startAttempt(user, { slug: SLUG, mode: "full", shuffle: true }, at(500));

    expect(await importGuestData(user.userId, g.guestKeyHash)).toMatchObject({ attempts: 0, selfGrades: 1 });
    expect((await getSelfGrade(user, SLUG))?.keyPointsHit).toEqual([1, 2, 3]);
    expect(await getGuestOffer(g.guestKeyHash)).toEqual({ attempts: 1, selfGrades: 0, labRuns: 0 });
  });

  it("never takes another guest's rows", async () => {
    const mine = guest();
    const theirs = guest();
    await actAsCandidate(theirs);
    const user = await newUser();
    expect(await importGuestData(user.userId, mine.guestKeyHash)).toEqual({ attempts: 0, selfGrades: 0, labRuns: 0, reviewCards: 0 });
    expect(await getGuestOffer(theirs.guestKeyHash)).toEqual({ attempts: 1, selfGrades: 1, labRuns: 1 });
  });
});
