import "server-only";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { getQuestion } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";

export type SelfGradeDTO = { questionSlug: string; keyPointsHit: number[]; keyPointsTotal: number; selfGradedAt: string | null };

/** Store the key points a candidate ticked for a question. Only ever the viewer's own row. */
export async function recordSelfGrade(viewer: Viewer, slug: string, keyPointsHit: number[]): Promise<SelfGradeDTO> {
  const question = getQuestion(slug);
  if (!question) throw notFound("That question");
  const total = question.keyPoints.length;
  const hits = [...new Set(keyPointsHit)].sort((a, b) => a - b);
  if (hits.some((h) => h < 0 || h >= total)) throw new DataError(`Key points are numbered 0 to ${total - 1}.`);
  const prisma = await getPrisma();
  const now = new Date();
  const row = await prisma.questionProgress.upsert({
    where: { userId_questionSlug: { userId: viewer.id, questionSlug: slug } },
    create: { userId: viewer.id, questionSlug: slug, keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now, revealedAt: now },
    update: { keyPointsHit: hits, keyPointsTotal: total, selfGradedAt: now },
    select: { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, selfGradedAt: true },
  });
  return toDTO(row);
}

export async function getSelfGrade(viewer: Viewer, slug: string): Promise<SelfGradeDTO | null> {
  const prisma = await getPrisma();
  const row = await prisma.questionProgress.findUnique({
    where: { userId_questionSlug: { userId: viewer.id, questionSlug: slug } },
    select: { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, selfGradedAt: true },
  });
  return row ? toDTO(row) : null;
}

export async function listProgress(viewer: Viewer): Promise<SelfGradeDTO[]> {
  const prisma = await getPrisma();
  const rows = await prisma.questionProgress.findMany({
    where: { userId: viewer.id },
    select: { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, selfGradedAt: true },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(toDTO);
}

function toDTO(row: { questionSlug: string; keyPointsHit: number[]; keyPointsTotal: number; selfGradedAt: Date | null }): SelfGradeDTO {
  return { ...row, selfGradedAt: row.selfGradedAt?.toISOString() ?? null };
}
