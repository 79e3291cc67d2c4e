import "server-only";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { getQuestion } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";

/**
 * Key-point self-grades: which key points a candidate's own answer covered. A signed-in user's live in
 * question_progress, a guest browser's in guest_question_progress (imported on sign-up, decision 023).
 * Every function touches only the actor's own rows.
 */
export type SelfGradeDTO = { questionSlug: string; keyPointsHit: number[]; keyPointsTotal: number; selfGradedAt: string | null };

const select = { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, selfGradedAt: true } as const;

/** Store the key points a candidate ticked for a question. */
export async function recordSelfGrade(actor: QuizActor, slug: string, keyPointsHit: number[], now = new Date()): Promise<SelfGradeDTO> {
  const question = getQuestion(slug);
  if (!question) throw notFound("That question");
  const total = question.keyPoints.length;
  const hits = [...new Set(keyPointsHit)].sort((a, b) => a - b);
  if (hits.some((h) => h < 0 || h >= total)) throw new DataError(`Key points are numbered 0 to ${total - 1}.`);
  const prisma = await getPrisma();
  if (actor.kind === "guest") {
    const row = await prisma.guestQuestionProgress.upsert({
      where: { guestKeyHash_questionSlug: { guestKeyHash: actor.guestKeyHash, questionSlug: slug } },
      create: { guestKeyHash: actor.guestKeyHash, questionSlug: slug, keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now },
      update: { keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now },
      select,
    });
    return toDTO(row);
  }
  const row = await prisma.questionProgress.upsert({
    where: { userId_questionSlug: { userId: actor.userId, questionSlug: slug } },
    create: { userId: actor.userId, questionSlug: slug, keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now, revealedAt: now },
    update: { keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now },
    select,
  });
  return toDTO(row);
}

export async function getSelfGrade(actor: QuizActor, slug: string): Promise<SelfGradeDTO | null> {
  const prisma = await getPrisma();
  const row =
    actor.kind === "guest"
      ? await prisma.guestQuestionProgress.findUnique({ where: { guestKeyHash_questionSlug: { guestKeyHash: actor.guestKeyHash, questionSlug: slug } }, select })
      : await prisma.questionProgress.findUnique({ where: { userId_questionSlug: { userId: actor.userId, questionSlug: slug } }, select });
  return row ? toDTO(row) : null;
}

export async function listProgress(viewer: Viewer): Promise<SelfGradeDTO[]> {
  const prisma = await getPrisma();
  const rows = await prisma.questionProgress.findMany({ where: { userId: viewer.id }, select, orderBy: { updatedAt: "desc" } });
  return rows.map(toDTO);
}

function toDTO(row: { questionSlug: string; keyPointsHit: number[]; keyPointsTotal: number; selfGradedAt: Date | null }): SelfGradeDTO {
  return { ...row, selfGradedAt: row.selfGradedAt?.toISOString() ?? null };
}
