import "server-only";
import type { Viewer } from "@/server/auth";
import { getPrisma } from "@/server/db";
import { getBank } from "@/server/content";
import type { AttemptSummary } from "@/server/data/attempt-views";
import { listRecentLabRuns, type LabRunDTO } from "@/server/data/lab-runs";
import { getReviewOverview, type ReviewOverview } from "@/server/data/review-cards";
import { questionMastery, streak, topicMastery, weakestTopic, type CardRecall, type QuestionMastery, type TopicMastery } from "@/lib/progress/mastery";

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

type AttemptGroupRow = { question_slug: string | null; day: string | null; by_day: number; submitted: boolean; score: number | null; max: number | null; attempts: number };
type CardRow = { question_slug: string; item_id: string; state: string | null; last_review: string | null; stability: number | null; last_rating: string | null };
const STATES = new Set(["new", "learning", "review", "relearning"]);
const RATINGS = new Set(["again", "hard", "good", "easy"]);

export async function getDashboard(viewer: Viewer, now = new Date()): Promise<Dashboard> {
  const prisma = await getPrisma();
  const userId = viewer.id;
  const sinceDay = new Date(now.getTime() - ACCURACY_DAYS * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const [cards, grades, groups, otherDays, recent, open, labRuns, review] = await Promise.all([
    // Only the fields mastery reads, extracted in SQL: parsing 2,000 whole cards costs more than the query.
    prisma.$queryRaw<CardRow[]>`
      SELECT question_slug, item_id, card->>'state' AS state, card->>'lastReview' AS last_review,
             (card->>'stability')::float8 AS stability, card->>'lastRating' AS last_rating
      FROM review_cards WHERE user_id = ${userId}`,
    prisma.questionProgress.findMany({ where: { userId }, select: { questionSlug: true, keyPointsHit: true, keyPointsTotal: true, revealedAt: true, selfGradedAt: true } }),
    // One pass over the user's attempts, grouped two ways: per question (seen / answered) and per UTC day of
    // submission (the accuracy chart for recent days, the streak for all days).
    prisma.$queryRaw<AttemptGroupRow[]>`
      SELECT question_slug, day, GROUPING(question_slug) AS by_day, bool_or(status = 'submitted') AS submitted,
             sum(score) FILTER (WHERE status = 'submitted')::float8 AS score, sum(max_score) FILTER (WHERE status = 'submitted')::float8 AS max,
             (count(*) FILTER (WHERE status = 'submitted'))::int AS attempts
      FROM (SELECT question_slug, status, score, max_score, to_char((submitted_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day
            FROM quiz_attempts WHERE user_id = ${userId}) a
      GROUP BY GROUPING SETS ((question_slug), (day))`,
    // Other active days for the streak: self-grades and lab runs.
    prisma.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT to_char(date_trunc('day', t), 'YYYY-MM-DD') AS day FROM (
        SELECT self_graded_at AS t FROM question_progress WHERE user_id = ${userId} AND self_graded_at IS NOT NULL
        UNION ALL SELECT created_at FROM lab_runs WHERE user_id = ${userId}
      ) a`,
    prisma.quizAttempt.findMany({ where: { userId, status: "submitted" }, select: attemptSelect, orderBy: { submittedAt: "desc" }, take: 5 }),
    prisma.quizAttempt.findMany({ where: { userId, status: "in_progress" }, select: attemptSelect, orderBy: { startedAt: "desc" } }),
    listRecentLabRuns({ kind: "user", userId }, 5),
    getReviewOverview(userId, now),
  ]);

  const cardsBySlug = new Map<string, Map<string, CardRecall>>();
  for (const c of cards) {
    if (!c.state || !STATES.has(c.state) || c.stability === null || !Number.isFinite(c.stability)) continue;
    const m = cardsBySlug.get(c.question_slug) ?? new Map<string, CardRecall>();
    m.set(c.item_id, {
      state: c.state as CardRecall["state"],
      lastReview: c.last_review,
      stability: c.stability,
      lastRating: c.last_rating && RATINGS.has(c.last_rating) ? (c.last_rating as CardRecall["lastRating"]) : undefined,
    });
    cardsBySlug.set(c.question_slug, m);
  }
  const flags = groups.filter((g) => g.by_day === 0 && g.question_slug !== null).map((g) => ({ question_slug: g.question_slug!, submitted: g.submitted }));
  const days = groups
    .filter((g) => g.by_day === 1 && g.day !== null && g.attempts > 0)
    .map((g) => ({ day: g.day!, score: g.score, max: g.max, attempts: g.attempts }))
    .sort((a, b) => a.day.localeCompare(b.day));
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
    accuracy: days.filter((d) => d.day >= sinceDay).map((d) => ({ day: d.day, score: d.score ?? 0, max: d.max ?? 0, attempts: d.attempts })),
    streak: streak([...days.map((d) => d.day), ...otherDays.map((d) => d.day)], now),
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
