import "server-only";
import { getPrisma } from "@/server/db";
import { getQuestion, getQuizItemsWithKey } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { authorize, type Actor } from "@/server/permissions";
import {
  answersOf,
  contextWhere,
  findOpenRow,
  loadOwn,
  ownerWhere,
  PERSONAL,
  recordOf,
  resultsOf,
  snapshotOf,
  type AttemptContext,
  type AttemptRow,
  type SharedContext,
} from "@/server/data/attempt-rows";
import { AttemptModeSchema, AttemptStatusSchema, type AttemptMode, type AttemptStatus } from "@/lib/schemas/attempt";
import { mistakesFrom, presentQuiz, reviewItem, type PublicQuizItem, type ReviewItem } from "@/lib/quiz";
import { renderMarkdown } from "@/lib/markdown";

/**
 * What leaves the server of an attempt: the view of one in progress (no key material), the graded
 * review of a submitted one, and lists. Readers are the owner (own rows) or, for a shared context, whoever
 * the context's permission allows (listContextAttempts).
 */

export type { AttemptStatus, AttemptMode };

/** What the candidate may see of an attempt in progress: no key material (decision 005). */
export type AttemptView = {
  id: string;
  questionSlug: string;
  questionTitle: string;
  mode: AttemptMode;
  status: AttemptStatus;
  items: (PublicQuizItem & { promptHtml: string })[];
  answers: Record<string, unknown>;
  answersVersion: number;
  startedAt: string;
  deadline: string | null;
  /** The server's clock when this view was made, so the display timer can correct for a skewed client clock. */
  serverNow: string;
};

export type AttemptResultView = {
  id: string;
  questionSlug: string;
  questionTitle: string;
  status: "submitted";
  submittedAt: string;
  overdue: boolean;
  score: number;
  maxScore: number;
  /** In the order the candidate saw the items. */
  items: (ReviewItem & { promptHtml: string; keyPointText: string | null })[];
};

export function toView(row: AttemptRow, now = new Date()): AttemptView {
  const items = snapshotOf(row);
  const title = getQuestion(row.questionSlug)?.title ?? row.questionSlug;
  return {
    id: row.id,
    questionSlug: row.questionSlug,
    questionTitle: title,
    mode: AttemptModeSchema.catch("full").parse(row.mode),
    status: AttemptStatusSchema.parse(row.status),
    items: presentQuiz(items, row.seed, { shuffleItems: row.shuffle }).map((i) => ({
      ...i,
      promptHtml: renderMarkdown(i.prompt),
    })),
    answers: answersOf(row),
    answersVersion: row.answersVersion,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    serverNow: now.toISOString(),
  };
}

export function resultView(row: AttemptRow): AttemptResultView {
  // The full review (key, rationales) of an attempt in a shared context is the context's to give: a set shows
  // what its review policy allows (server/data/sets.ts). Through the personal routes it names nothing.
  if (row.contextType !== "personal") throw notFound("That attempt");
  if (row.status !== "submitted" || !row.submittedAt) throw new DataError("This attempt has not been submitted yet.", "conflict");
  const items = snapshotOf(row);
  const results = resultsOf(row);
  const answers = answersOf(row);
  const question = getQuestion(row.questionSlug);
  const seen = presentQuiz(items, row.seed, { shuffleItems: row.shuffle });
  const byId = new Map(items.map((i) => [i.id, i]));
  const selfGrades = recordOf(row.selfGrades);
  const resultById = new Map(results.map((r) => [r.itemId, r]));
  return {
    id: row.id,
    questionSlug: row.questionSlug,
    questionTitle: question?.title ?? row.questionSlug,
    status: "submitted",
    submittedAt: row.submittedAt.toISOString(),
    overdue: row.overdue,
    score: row.score ?? 0,
    maxScore: row.maxScore ?? items.length,
    items: seen.map((shown) => {
      const item = byId.get(shown.id)!;
      const review = reviewItem(item, answers[item.id], resultById.get(item.id)!, { seen: shown, selfGrade: selfGrades[item.id] });
      return { ...review, promptHtml: renderMarkdown(item.prompt), keyPointText: question?.keyPoints[item.keyPoint] ?? null };
    }),
  };
}

export async function getAttemptView(actor: QuizActor, id: string, now = new Date()): Promise<AttemptView> {
  return toView(await loadOwn(actor, id), now);
}

/** The graded review of a submitted attempt. */
export async function getAttemptResult(actor: QuizActor, id: string): Promise<AttemptResultView> {
  return resultView(await loadOwn(actor, id));
}

/** The actor's attempt in progress for a question in a context (personal practice unless named), if any. */
export async function findOpenAttempt(
  actor: QuizActor,
  slug: string,
  now = new Date(),
  context: AttemptContext = PERSONAL,
): Promise<AttemptView | null> {
  const row = await findOpenRow(actor, slug, context);
  return row ? toView(row, now) : null;
}

/** The item ids the actor has not yet got right in this question's quiz (latest attempt per item). */
export async function getMistakeItemIds(actor: QuizActor, slug: string): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: { ...ownerWhere(actor), questionSlug: slug, status: "submitted" },
    select: { submittedAt: true, results: true },
  });
  const attempts = rows.flatMap((r) => (r.submittedAt ? [{ submittedAt: r.submittedAt, results: resultsOf(r) }] : []));
  const current = new Set((getQuizItemsWithKey(slug) ?? []).map((i) => i.id));
  return mistakesFrom(attempts).filter((id) => current.has(id));
}

export type AttemptSummary = {
  id: string;
  questionSlug: string;
  mode: string;
  status: AttemptStatus;
  score: number | null;
  maxScore: number | null;
  startedAt: string;
  submittedAt: string | null;
};

const SUMMARY_SELECT = { id: true, questionSlug: true, mode: true, status: true, score: true, maxScore: true, startedAt: true, submittedAt: true } as const;

function toSummary(r: { id: string; questionSlug: string; mode: string; status: string; score: number | null; maxScore: number | null; startedAt: Date; submittedAt: Date | null }): AttemptSummary {
  return { ...r, status: AttemptStatusSchema.parse(r.status), startedAt: r.startedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null };
}

export async function listAttempts(actor: QuizActor, slug?: string): Promise<AttemptSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    // Personal practice only: an attempt in a set is listed by the set's module, with what its policy lets the candidate see.
    where: { ...ownerWhere(actor), contextType: "personal", ...(slug ? { questionSlug: slug } : {}) },
    select: SUMMARY_SELECT,
    orderBy: { startedAt: "desc" },
    take: 100,
  });
  return rows.map(toSummary);
}

export type ContextAttemptSummary = AttemptSummary & { owner: { kind: "user"; userId: string; name: string | null } | { kind: "guest" } };

/** The permission to read the attempts made in each shared context. */
const READ_IN = { set: "set.results.read" } as const;

/** Every attempt made in a shared context (a set's results). Needs the context's read action. */
export async function listContextAttempts(actor: Actor, context: SharedContext): Promise<ContextAttemptSummary[]> {
  authorize(actor, context, READ_IN[context.type]);
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: contextWhere(context),
    select: { ...SUMMARY_SELECT, user: { select: { id: true, name: true } } },
    orderBy: { startedAt: "desc" },
    take: 500,
  });
  return rows.map(({ user, ...r }) => ({
    ...toSummary(r),
    owner: user ? { kind: "user", userId: user.id, name: user.name } : { kind: "guest" },
  }));
}
