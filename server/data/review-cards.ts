import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuestion } from "@/server/content";
import { ratingFor, ReviewCardSchema, scheduleReview, type ItemResult } from "@/lib/quiz";

/** The FSRS review queue: one card per (user, question, item), rescheduled by every graded attempt. Signed-in users only. */

export async function scheduleReviews(userId: string, slug: string, results: ItemResult[], now: Date, { includeSelfGraded = false } = {}) {
  const prisma = await getPrisma();
  for (const r of results) {
    if (r.correct === "self-graded" && !includeSelfGraded) continue; // scheduled once the candidate grades it
    const key = { userId_questionSlug_itemId: { userId, questionSlug: slug, itemId: r.itemId } };
    const existing = await prisma.reviewCard.findUnique({ where: key, select: { card: true } });
    const prev = existing ? ReviewCardSchema.safeParse(existing.card) : null;
    const card = scheduleReview(prev?.success ? prev.data : null, ratingFor(r), now);
    await prisma.reviewCard.upsert({
      where: key,
      create: { userId, questionSlug: slug, itemId: r.itemId, card: card as Prisma.InputJsonValue, due: new Date(card.due) },
      update: { card: card as Prisma.InputJsonValue, due: new Date(card.due) },
    });
  }
}

/** Items due for review now (the FSRS queue), soonest first. */
export async function getReviewQueue(userId: string, now = new Date()) {
  const prisma = await getPrisma();
  const rows = await prisma.reviewCard.findMany({
    where: { userId, due: { lte: now } },
    select: { questionSlug: true, itemId: true, due: true },
    orderBy: { due: "asc" },
    take: 200,
  });
  const bySlug = new Map<string, { questionSlug: string; title: string; itemIds: string[]; due: string }>();
  for (const r of rows) {
    const entry = bySlug.get(r.questionSlug) ?? {
      questionSlug: r.questionSlug,
      title: getQuestion(r.questionSlug)?.title ?? r.questionSlug,
      itemIds: [],
      due: r.due.toISOString(),
    };
    entry.itemIds.push(r.itemId);
    bySlug.set(r.questionSlug, entry);
  }
  return [...bySlug.values()];
}
