import "server-only";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { getBank } from "@/server/content";
import type { AttemptSummary } from "@/server/data/attempts";
import { listRecentLabRuns, type LabRunDTO } from "@/server/data/lab-runs";
import { getReviewOverview, type ReviewOverview } from "@/server/data/review-cards";
import { ReviewCardSchema, type ReviewCard } from "@/lib/quiz";
import { questionMastery, streak, topicMastery, weakestTopic, type QuestionMastery, type TopicMastery } from "@/lib/progress/mastery";

/**
 * Everything /dashboard shows, for the viewer only. A fixed number of indexed queries whatever the
 * history's size: the cards (one row per quiz item the user has seen, bounded by the bank), per-question
 * attempt flags, per-day accuracy aggregated in SQL, and short recent lists (docs/BENCHMARKS.md, "progress").
 */
export type AccuracyPoint = { day: string; score: number; max: number; attempts: number };

export type Dashboard = {
  questions: QuestionMastery[];
  topics: TopicMastery[];
  totals: { questions: number; seen: number; answered: number; mastered: number };
  accuracy: AccuracyPoint[];
  streak: { current: number; longest: number };
  recentAttempts: AttemptSummary[];
  openAttempts: AttemptSummary[];
  recentLabRuns: LabRunDTO[];
  recentSelfGrades: { questionSlug: string; hit: number; total: number; at: string }[];
  review: ReviewOverview;
  weakest: TopicMastery | null;
};

/** Days of accuracy history on the chart. */
export const ACCURACY_DAYS = 60;

const attemptSelect = { id: true, questionSlug: true, mode: true, status: true, score: true, maxScore: true, startedAt: true, submittedAt: true } as const;

type DayRow = { day: string; score: number | null; max: number | null; attempts: bigint | number };
type FlagRow = { question_slug: string; submitted: boolean };

export async function getDashboard(viewer: Viewer, now = new Date()): Promise<Dashboard> {
  const prisma = await getPrisma();
  const userId = viewer.id;
  const since = new Date(now.getTime() - ACCURACY_DAYS * 24 * 60 * 60 * 1000);
  const [cards, grades, flags, days, activity, recent, open, labRuns, review] = await Promise.all([
    prisma.reviewCard.findMany({ where: { userId }, select: { questionSlug: true, itemId: true, card: true } }),
    prisma.questionProgress.findMany({ where: { userId }, select: { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, revealedAt: true, selfGradedAt: true } }),
    prisma.$queryRaw<FlagRow[]>`
      SELECT question_slug, bool_or(status = 'submitted') AS submitted FROM quiz_attempts WHERE user_id = ${userId} GROUP BY question_slug`,
    prisma.$queryRaw<DayRow[]>`
      SELECT to_char(date_trunc('day', submitted_at), 'YYYY-MM-DD') AS day, sum(score)::float8 AS score, sum(max_score)::float8 AS max,
             count(*) AS attempts
      FROM quiz_attempts WHERE user_id = ${userId} AND status = 'submitted' AND submitted_at >= ${since}
      GROUP BY 1 ORDER BY 1`,
    // Active days for the streak: any submitted attempt, self-grade or lab run.
    prisma.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT to_char(date_trunc('day', t), 'YYYY-MM-DD') AS day FROM (
        SELECT submitted_at AS t FROM quiz_attempts WHERE user_id = ${userId} AND submitted_at IS NOT NULL
        UNION ALL SELECT self_graded_at FROM question_progress WHERE user_id = ${userId} AND self_graded_at IS NOT NULL
        UNION ALL SELECT created_at FROM lab_runs WHERE user_id = ${userId}
      ) a`,
    prisma.quizAttempt.findMany({ where: { userId, status: "submitted" }, select: attemptSelect, orderBy: { submittedAt: "desc" }, take: 5 }),
    prisma.quizAttempt.findMany({ where: { userId, status: "in_progress" }, select: attemptSelect, orderBy: { startedAt: "desc" } }),
    listRecentLabRuns({ kind: "user", userId }, 5),
    getReviewOverview(userId, now),
  ]);

  const cardsBySlug = new Map<string, Map<string, ReviewCard>>();
  for (const c of cards) {
    const parsed = ReviewCardSchema.safeParse(c.card);
    if (!parsed.success) continue;
    const m = cardsBySlug.get(c.questionSlug) ?? new Map<string, ReviewCard>();
    m.set(c.itemId, parsed.data);
    cardsBySlug.set(c.questionSlug, m);
  }
  const gradeBySlug = new Map(grades.map((g) => [g.questionSlug, g]));
  const flagBySlug = new Map(flags.map((f) => [f.question_slug, f.submitted]));
  const questions = getBank().map(({ question, quiz }) => {
    const g = gradeBySlug.get(question.slug);
    const submitted = flagBySlug.get(question.slug);
    return questionMastery(
      {
        slug: question.slug,
        topic: question.topic,
        itemIds: quiz.map((i) => i.id),
        cards: cardsBySlug.get(question.slug) ?? new Map(),
        selfGrade: g && g.keyPointsTotal > 0 ? { hit: g.keyPointsHit.length, total: g.keyPointsTotal } : null,
        seen: submitted !== undefined || Boolean(g?.revealedAt),
        answered: submitted === true || Boolean(g),
      },
      now,
    );
  });
  const topics = topicMastery(questions);
  return {
    questions,
    topics,
    totals: {
      questions: questions.length,
      seen: questions.filter((q) => q.seen).length,
      answered: questions.filter((q) => q.answered).length,
      mastered: questions.filter((q) => q.mastered).length,
    },
    accuracy: days.map((d) => ({ day: d.day, score: d.score ?? 0, max: d.max ?? 0, attempts: Number(d.attempts) })),
    streak: streak(activity.map((a) => a.day), now),
    recentAttempts: recent.map(toSummary),
    openAttempts: open.map(toSummary),
    recentLabRuns: labRuns,
    recentSelfGrades: grades
      .filter((g) => g.selfGradedAt)
      .sort((a, b) => b.selfGradedAt!.getTime() - a.selfGradedAt!.getTime())
      .slice(0, 5)
      .map((g) => ({ questionSlug: g.questionSlug, hit: g.keyPointsHit.length, total: g.keyPointsTotal, at: g.selfGradedAt!.toISOString() })),
    review,
    weakest: weakestTopic(topics),
  };
}

function toSummary(r: { id: string; questionSlug: string; mode: string; status: string; score: number | null; maxScore: number | null; startedAt: Date; submittedAt: Date | null }): AttemptSummary {
  return { ...r, status: r.status === "submitted" ? "submitted" : "in_progress", startedAt: r.startedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null };
}
