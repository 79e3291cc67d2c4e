import "server-only";
import { z } from "zod";
import type { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuestion } from "@/server/content";
import { DataError } from "@/server/data/errors";
import { ratingFor, ReviewCardSchema, scheduleReview, schedulerParams, type ItemResult } from "@/lib/quiz";

/**
 * The FSRS review queue: one card per (user, quiz item). Cards are scheduled when a signed-in
 * attempt is submitted, when a free-text answer is self-graded, and when guest attempts are imported
 * (replayed at the time they were made). Every read and write is scoped to one user id.
 */

type Tx = Prisma.TransactionClient;

/** The interview date of a user (null when none is set). */
async function interviewDateOf(db: Tx, userId: string): Promise<Date | null> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { interviewDate: true } });
  return u?.interviewDate ?? null;
}

/**
 * Review each result at `at` and store the cards. Free-text items wait for their self-grade unless
 * `includeSelfGraded`. With `onlyIfNewer` (imports) a card already reviewed at or after `at` is left
 * alone: a newer signed-in review knows more than an old guest attempt.
 */
export async function scheduleReviews(
  userId: string,
  slug: string,
  results: ItemResult[],
  at: Date,
  { includeSelfGraded = false, onlyIfNewer = false, db }: { includeSelfGraded?: boolean; onlyIfNewer?: boolean; db?: Tx } = {},
): Promise<number> {
  const prisma = db ?? (await getPrisma());
  const params = schedulerParams(at, await interviewDateOf(prisma, userId));
  let scheduled = 0;
  for (const r of results) {
    if (r.correct === "self-graded" && !includeSelfGraded) continue; // scheduled once the candidate grades it
    const key = { userId_questionSlug_itemId: { userId, questionSlug: slug, itemId: r.itemId } };
    const existing = await prisma.reviewCard.findUnique({ where: key, select: { card: true } });
    const prev = existing ? ReviewCardSchema.safeParse(existing.card) : null;
    const prevCard = prev?.success ? prev.data : null;
    if (onlyIfNewer && prevCard?.lastReview && Date.parse(prevCard.lastReview) >= at.getTime()) continue;
    const card = scheduleReview(prevCard, ratingFor(r), at, params);
    await prisma.reviewCard.upsert({
      where: key,
      create: { userId, questionSlug: slug, itemId: r.itemId, card, due: new Date(card.due) },
      update: { card, due: new Date(card.due) },
    });
    scheduled++;
  }
  return scheduled;
}

export type DueQuestion = { questionSlug: string; title: string; itemIds: string[]; due: string };

/** Items due for review now (the FSRS queue), grouped by question, soonest first. */
export async function getReviewQueue(userId: string, now = new Date()): Promise<DueQuestion[]> {
  const prisma = await getPrisma();
  const rows = await prisma.reviewCard.findMany({
    where: { userId, due: { lte: now } },
    select: { questionSlug: true, itemId: true, due: true },
    orderBy: { due: "asc" },
    take: 200,
  });
  const bySlug = new Map<string, DueQuestion>();
  for (const r of rows) {
    const title = getQuestion(r.questionSlug)?.title ?? r.questionSlug;
    const entry = bySlug.get(r.questionSlug) ?? { questionSlug: r.questionSlug, title, itemIds: [], due: r.due.toISOString() };
    entry.itemIds.push(r.itemId);
    bySlug.set(r.questionSlug, entry);
  }
  return [...bySlug.values()];
}

/** The ids of one question's items due now for this user (a review session of that question). */
export async function getDueItemIds(userId: string, slug: string, now = new Date()): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.reviewCard.findMany({ where: { userId, questionSlug: slug, due: { lte: now } }, select: { itemId: true } });
  return rows.map((r) => r.itemId);
}

export type ReviewOverview = {
  /** Every card this user has. */
  scheduled: number;
  dueNow: number;
  /** Due before the end of today (UTC), including those due now. */
  dueToday: number;
  /** The next due date after now (null when nothing is scheduled later). */
  nextDue: string | null;
  interviewDate: string | null;
};

function endOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

type OverviewRow = { scheduled: number; due_now: number; due_today: number; next_due: Date | null; interview_date: Date | null };

/** How many cards are scheduled, how many are due, and when the next one comes: one query over the (user_id, due) index. */
export async function getReviewOverview(userId: string, now = new Date()): Promise<ReviewOverview> {
  const prisma = await getPrisma();
  const [row] = await prisma.$queryRaw<OverviewRow[]>`
    SELECT count(c.*)::int AS scheduled,
           count(c.*) FILTER (WHERE c.due <= ${now})::int AS due_now,
           count(c.*) FILTER (WHERE c.due < ${endOfUtcDay(now)})::int AS due_today,
           min(c.due) FILTER (WHERE c.due > ${now}) AS next_due,
           (SELECT interview_date FROM users WHERE id = ${userId}) AS interview_date
    FROM review_cards c WHERE c.user_id = ${userId}`;
  return {
    scheduled: row?.scheduled ?? 0,
    dueNow: row?.due_now ?? 0,
    dueToday: row?.due_today ?? 0,
    nextDue: row?.next_due ? new Date(row.next_due).toISOString() : null,
    interviewDate: row?.interview_date ? new Date(row.interview_date).toISOString().slice(0, 10) : null,
  };
}

export const InterviewDateSchema = z.object({
  /** YYYY-MM-DD, or null to clear. */
  interviewDate: z.iso.date().nullable(),
});

/**
 * Set or clear the interview date. Cards already due later than the day before the interview are
 * pulled in to that day, so nothing scheduled under the old parameters lands after the interview.
 */
export async function setInterviewDate(userId: string, input: z.output<typeof InterviewDateSchema>, now = new Date()): Promise<ReviewOverview> {
  const date = input.interviewDate ? new Date(`${input.interviewDate}T00:00:00.000Z`) : null;
  if (date && date.getTime() <= now.getTime()) throw new DataError("The interview date must be in the future.");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { interviewDate: date }, select: { id: true } });
    if (!date) return;
    const dayBefore = new Date(Math.max(now.getTime(), date.getTime() - 24 * 60 * 60 * 1000));
    const late = await tx.reviewCard.findMany({ where: { userId, due: { gt: dayBefore } }, select: { questionSlug: true, itemId: true, card: true } });
    for (const c of late) {
      const parsed = ReviewCardSchema.safeParse(c.card);
      if (!parsed.success) continue;
      const card = { ...parsed.data, due: dayBefore.toISOString() };
      await tx.reviewCard.update({
        where: { userId_questionSlug_itemId: { userId, questionSlug: c.questionSlug, itemId: c.itemId } },
        data: { card, due: dayBefore },
      });
    }
  });
  return getReviewOverview(userId, now);
}
