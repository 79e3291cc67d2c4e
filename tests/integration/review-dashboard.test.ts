import { expect, it } from "vitest";
import { getQuizItemsWithKey } from "@/server/content";
import { startAttempt, submitAttempt } from "@/server/data/attempts";
import { getDashboard } from "@/server/data/dashboard";
import { recordSelfGrade } from "@/server/data/progress";
import { getReviewOverview, getReviewQueue, setInterviewDate } from "@/server/data/review-cards";
import { DataError } from "@/server/data/errors";
import { describeEachDatabase } from "./support/databases";

const SLUG = "layer-freezing";
const machineGraded = getQuizItemsWithKey(SLUG)!.filter((i) => i.type !== "freetext");
const MIN = 60_000;
const DAY = 86_400_000;

describeEachDatabase("review queue and dashboard", ({ db }) => {
  let n = 0;
  async function user() {
    const u = await db().prisma.user.create({ data: { email: `rq${++n}-${Date.now()}@review.test` }, select: { id: true, email: true } });
    return { viewer: { id: u.id, email: u.email, name: null, memberships: [] }, actor: { kind: "user" as const, userId: u.id } };
  }
  const t0 = new Date("2026-12-01T09:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("says how many cards are scheduled and when the next is due; a review session records each review once", async () => {
    const { viewer, actor } = await user();
    const empty = await getReviewOverview(viewer.id, t0);
    expect(empty).toEqual({ scheduled: 0, dueNow: 0, dueToday: 0, nextDue: null, interviewDate: null });

    const first = await startAttempt(actor, { slug: SLUG, mode: "full", shuffle: true }, t0);
    await submitAttempt(actor, first.id, { version: first.answersVersion }, t0); // nothing answered: every item wrong → due again in a minute
    const soon = await getReviewOverview(viewer.id, t0);
    expect(soon).toMatchObject({ scheduled: machineGraded.length, dueNow: 0, dueToday: machineGraded.length });
    expect(Date.parse(soon.nextDue!)).toBe(t0.getTime() + MIN);

    const later = at(2 * MIN);
    expect((await getReviewOverview(viewer.id, later)).dueNow).toBe(machineGraded.length);
    const review = await startAttempt(actor, { slug: SLUG, mode: "review", shuffle: true }, later);
    expect(review.items.map((i) => i.id).sort()).toEqual(machineGraded.map((i) => i.id).sort());
    // A double submit stores one review: the cards move once.
    await Promise.all([
      submitAttempt(actor, review.id, { version: review.answersVersion }, later),
      submitAttempt(actor, review.id, { version: review.answersVersion }, later),
    ]);
    const cards = await db().prisma.reviewCard.findMany({ where: { userId: viewer.id }, select: { card: true } });
    expect(cards.map((c) => (c.card as { reps: number }).reps)).toEqual(machineGraded.map(() => 2));
    expect((await getReviewOverview(viewer.id, later)).dueNow).toBe(0);
    await expect(startAttempt(actor, { slug: SLUG, mode: "review", shuffle: true }, later)).rejects.toThrow(/Nothing of this quiz is due/);
  });

  it("an interview date pulls cards due after it in before it; a past date is refused", async () => {
    const { viewer, actor } = await user();
    const a = await startAttempt(actor, { slug: SLUG, mode: "full", shuffle: true }, t0);
    await submitAttempt(actor, a.id, { version: a.answersVersion }, t0);
    // Push every card far out, as a long-known item would be.
    await db().prisma.reviewCard.updateMany({ where: { userId: viewer.id }, data: { due: at(90 * DAY) } });
    await expect(setInterviewDate(viewer.id, { interviewDate: "2026-11-01" }, t0)).rejects.toThrow(DataError);

    const overview = await setInterviewDate(viewer.id, { interviewDate: "2026-12-11" }, t0);
    expect(overview.interviewDate).toBe("2026-12-11");
    const dues = await db().prisma.reviewCard.findMany({ where: { userId: viewer.id }, select: { due: true } });
    for (const d of dues) expect(d.due.getTime()).toBeLessThan(Date.parse("2026-12-11T00:00:00Z"));
    expect((await getReviewQueue(viewer.id, at(10 * DAY))).flatMap((q) => q.itemIds)).toHaveLength(machineGraded.length);
    expect((await setInterviewDate(viewer.id, { interviewDate: null }, t0)).interviewDate).toBeNull();
  });

  it("the dashboard counts seen/answered/mastered, mastery per topic from quizzes and self-grades, accuracy and streak", async () => {
    const { viewer, actor } = await user();
    const now = new Date();
    const a = await startAttempt(actor, { slug: SLUG, mode: "full", shuffle: true }, new Date(now.getTime() - DAY));
    await submitAttempt(actor, a.id, { version: a.answersVersion }, new Date(now.getTime() - DAY + MIN));
    await recordSelfGrade(actor, SLUG, [0, 1, 2], now);
    const d = await getDashboard(viewer, now);
    expect(d.totals).toMatchObject({ seen: 1, answered: 1 });
    const q = d.questions.find((x) => x.slug === SLUG)!;
    // Every quiz item wrong counts 0; the self-grade counts its share: the mean of the two parts.
    const total = (await db().prisma.questionProgress.findFirstOrThrow({ where: { userId: viewer.id }, select: { keyPointsTotal: true } }))
      .keyPointsTotal;
    expect(q.mastery).toBeCloseTo((0 + 3 / total) / 2, 5);
    expect(d.topics.find((t) => t.topic === q.topic)).toMatchObject({ seen: 1, answered: 1 });
    expect(d.accuracy).toHaveLength(1);
    expect(d.accuracy[0]).toMatchObject({ attempts: 1, score: 0 });
    expect(d.streak.current).toBe(2);
    expect(d.recentAttempts.map((x) => x.id)).toEqual([a.id]);
    expect(d.recentSelfGrades).toMatchObject([{ questionSlug: SLUG, hit: 3 }]);
    expect(d.weakest).not.toBeNull();
  });
});
