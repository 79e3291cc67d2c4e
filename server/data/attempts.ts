import "server-only";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuestion, getQuizItemsWithKey } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { getDueItemIds, scheduleReviews } from "@/server/data/review-cards";
import { QuizItemSchema, type QuizItem } from "@/lib/schemas/quiz";
import {
  DEFAULT_GRACE_MS,
  createSeed,
  deadlineFor,
  deadlineWindow,
  gradeAttempt,
  mistakesFrom,
  parseResponse,
  presentQuiz,
  reviewItem,
  type ItemResult,
  type PublicQuizItem,
  type ReviewItem,
} from "@/lib/quiz";
import { renderMarkdown } from "@/lib/markdown";

/**
 * Quiz attempts: start, save answers, submit (idempotent), review. Every function takes the actor
 * and only ever touches that actor's attempts; another's attempt reads as "not found" (QUALITY Q5).
 * Grading happens here, on the server, from the attempt's own snapshot of the items (Q2, Q9).
 */

const ItemsSnapshotSchema = z.array(QuizItemSchema);
const ResultsSchema = z.array(
  z.object({ itemId: z.string(), type: z.string(), score: z.number(), max: z.number(), correct: z.string(), reason: z.string().optional() }).passthrough(),
);

export type AttemptStatus = "in_progress" | "submitted";

/** What the candidate may see of an attempt in progress: no key material (Q1). */
export type AttemptView = {
  id: string;
  questionSlug: string;
  questionTitle: string;
  mode: "full" | "mistakes" | "review";
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
  /** keyPointText: the key point the item checks (Markdown), linked to `#key-point-<keyPoint>` on the question page. */
  items: (ReviewItem & { promptHtml: string; keyPointText: string | null })[];
};

type AttemptRow = Prisma.QuizAttemptGetPayload<object>;

function ownerWhere(actor: QuizActor) {
  return actor.kind === "user" ? { userId: actor.userId } : { userId: null, guestKeyHash: actor.guestKeyHash };
}

async function loadOwn(actor: QuizActor, id: string): Promise<AttemptRow> {
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({ where: { id, ...ownerWhere(actor) } });
  if (!row) throw notFound("That attempt");
  return row;
}

function snapshotOf(row: AttemptRow): QuizItem[] {
  return ItemsSnapshotSchema.parse(row.itemsSnapshot);
}

function recordOf(json: unknown): Record<string, unknown> {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

function answersOf(row: AttemptRow): Record<string, unknown> {
  return recordOf(row.answers);
}

function toView(row: AttemptRow, now = new Date()): AttemptView {
  const items = snapshotOf(row);
  const title = getQuestion(row.questionSlug)?.title ?? row.questionSlug;
  return {
    id: row.id,
    questionSlug: row.questionSlug,
    questionTitle: title,
    mode: row.mode === "mistakes" || row.mode === "review" ? row.mode : "full",
    status: row.status as AttemptStatus,
    items: presentQuiz(items, row.seed, { shuffleItems: row.shuffle, shuffleOptions: row.shuffle }).map((i) => ({ ...i, promptHtml: renderMarkdown(i.prompt) })),
    answers: answersOf(row),
    answersVersion: row.answersVersion,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    serverNow: now.toISOString(),
  };
}

/** The item ids the actor has not yet got right in this question's quiz (latest attempt per item). */
export async function getMistakeItemIds(actor: QuizActor, slug: string): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: { ...ownerWhere(actor), questionSlug: slug, status: "submitted" },
    select: { submittedAt: true, results: true },
  });
  const attempts = rows.map((r) => ({ submittedAt: r.submittedAt!, results: ResultsSchema.parse(r.results ?? []) as ItemResult[] }));
  const current = new Set((getQuizItemsWithKey(slug) ?? []).map((i) => i.id));
  return mistakesFrom(attempts).filter((id) => current.has(id));
}

export const StartAttemptSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,100}$/),
  /** "full": every item; "mistakes": items not yet right; "review": this question's items due in the review queue (signed in). */
  mode: z.enum(["full", "mistakes", "review"]).default("full"),
  /** Optional time limit in minutes (1–180). */
  timeLimitMinutes: z.coerce.number().int().min(1).max(180).optional(),
  shuffle: z.boolean().default(true),
});
export type StartAttemptInput = z.input<typeof StartAttemptSchema>;

/**
 * Start an attempt, or return the one already in progress for this question (a reload, a second tab
 * or a racing request never opens a second one: a partial unique index enforces it).
 */
export async function startAttempt(actor: QuizActor, input: z.output<typeof StartAttemptSchema>, now = new Date()): Promise<AttemptView> {
  const all = getQuizItemsWithKey(input.slug);
  if (!all) throw notFound("That quiz");
  const prisma = await getPrisma();
  const open = await prisma.quizAttempt.findFirst({ where: { ...ownerWhere(actor), questionSlug: input.slug, status: "in_progress" } });
  if (open) return toView(open, now);

  let items = all;
  if (input.mode === "mistakes") {
    const ids = new Set(await getMistakeItemIds(actor, input.slug));
    items = all.filter((i) => ids.has(i.id));
    if (!items.length) throw new DataError("No mistakes to retry: every item of this quiz was right in your latest attempts.", "conflict");
  }
  if (input.mode === "review") {
    if (actor.kind !== "user") throw new DataError("Sign in to review: the review queue is kept with your account.", "conflict");
    const ids = new Set(await getDueItemIds(actor.userId, input.slug, now));
    items = all.filter((i) => ids.has(i.id));
    if (!items.length) throw new DataError("Nothing of this quiz is due for review now.", "conflict");
  }
  const limitMs = input.timeLimitMinutes ? input.timeLimitMinutes * 60_000 : null;
  try {
    const row = await prisma.quizAttempt.create({
      data: {
        ...(actor.kind === "user" ? { userId: actor.userId } : { guestKeyHash: actor.guestKeyHash }),
        questionSlug: input.slug,
        mode: input.mode,
        itemsSnapshot: items as unknown as Prisma.InputJsonValue,
        seed: createSeed() >>> 1, // 31 bits: fits PostgreSQL's integer
        shuffle: input.shuffle,
        startedAt: now,
        timeLimitMs: limitMs,
        deadline: deadlineFor({ startedAt: now, limitMs }),
      },
    });
    return toView(row, now);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const raced = await prisma.quizAttempt.findFirst({ where: { ...ownerWhere(actor), questionSlug: input.slug, status: "in_progress" } });
      if (raced) return toView(raced, now);
    }
    throw e;
  }
}

export async function getAttemptView(actor: QuizActor, id: string, now = new Date()): Promise<AttemptView> {
  return toView(await loadOwn(actor, id), now);
}

/** The actor's attempt in progress for a question, if any. */
export async function findOpenAttempt(actor: QuizActor, slug: string, now = new Date()): Promise<AttemptView | null> {
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({ where: { ...ownerWhere(actor), questionSlug: slug, status: "in_progress" } });
  return row ? toView(row, now) : null;
}

export const SaveAnswersSchema = z.object({
  /** The answersVersion the client last saw; a stale tab gets a conflict instead of overwriting newer answers. */
  version: z.number().int().min(0),
  /** Responses by item id; null clears an answer. */
  answers: z.record(z.string().max(100), z.unknown()).refine((a) => Object.keys(a).length <= 64, "too many answers"),
});

function validatedAnswers(items: QuizItem[], incoming: Record<string, unknown>): Record<string, unknown> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: Record<string, unknown> = {};
  for (const [itemId, raw] of Object.entries(incoming)) {
    const item = byId.get(itemId);
    if (!item) throw new DataError(`There is no item "${itemId.slice(0, 100)}" in this attempt.`);
    if (raw === null) {
      out[itemId] = null;
      continue;
    }
    const parsed = parseResponse(item, raw);
    if (!parsed.ok) throw new DataError(`Answer to "${itemId}": ${parsed.reason}.`);
    // Self-grades are given after submit only; a ticked list sent now is dropped.
    out[itemId] = parsed.response.type === "freetext" ? { type: "freetext", text: parsed.response.text } : parsed.response;
  }
  return out;
}

/** Save answers while the attempt is open. Returns the new version. */
export async function saveAnswers(actor: QuizActor, id: string, input: z.output<typeof SaveAnswersSchema>, now = new Date()): Promise<{ version: number }> {
  const row = await loadOwn(actor, id);
  if (row.status !== "in_progress") throw new DataError("This attempt was already submitted; its answers can no longer change.", "conflict");
  if (deadlineWindow(now, row.deadline, 0) !== "open") throw new DataError("Time is up: answers saved after the deadline do not count. Submit the attempt.", "conflict");
  const merged = { ...answersOf(row), ...validatedAnswers(snapshotOf(row), input.answers) };
  for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
  const prisma = await getPrisma();
  // Compare-and-set on the version: a stale tab, or a save that raced a submit, changes nothing.
  const { count } = await prisma.quizAttempt.updateMany({
    where: { id, ...ownerWhere(actor), status: "in_progress", answersVersion: input.version },
    data: { answers: merged as Prisma.InputJsonValue, answersVersion: { increment: 1 } },
  });
  if (count === 0) throw new DataError("These answers are out of date (the quiz changed in another tab or was submitted). Reload to continue.", "conflict");
  return { version: input.version + 1 };
}

export const SubmitAttemptSchema = z.object({
  /** Optional final answers sent with the submit (counted only if saved before the deadline). */
  answers: z.record(z.string().max(100), z.unknown()).optional(),
  version: z.number().int().min(0).optional(),
});

/**
 * Submit and grade. Idempotent: the first submit wins in one conditional update; every later or
 * concurrent submit returns that same stored result (Q3, Q4). Any score a client sends is ignored.
 */
export async function submitAttempt(actor: QuizActor, id: string, input: z.output<typeof SubmitAttemptSchema> = {}, now = new Date()): Promise<AttemptResultView> {
  const row = await loadOwn(actor, id);
  if (row.status === "submitted") return resultView(row);
  const items = snapshotOf(row);
  let answers = answersOf(row);
  const window = deadlineWindow(now, row.deadline, DEFAULT_GRACE_MS);
  if (input.answers && deadlineWindow(now, row.deadline, 0) === "open") {
    answers = { ...answers, ...validatedAnswers(items, input.answers) };
    for (const k of Object.keys(answers)) if (answers[k] === null) delete answers[k];
  }
  const grade = gradeAttempt(items, answers);
  const prisma = await getPrisma();
  const { count } = await prisma.quizAttempt.updateMany({
    where: { id, ...ownerWhere(actor), status: "in_progress" },
    data: {
      status: "submitted",
      submittedAt: now,
      overdue: window === "closed",
      answers: answers as Prisma.InputJsonValue,
      score: grade.score,
      maxScore: grade.max,
      results: grade.items as unknown as Prisma.InputJsonValue,
    },
  });
  const stored = await loadOwn(actor, id);
  if (count === 1 && actor.kind === "user") await scheduleReviews(actor.userId, row.questionSlug, grade.items, now);
  return resultView(stored);
}

function resultView(row: AttemptRow): AttemptResultView {
  if (row.status !== "submitted" || !row.submittedAt) throw new DataError("This attempt has not been submitted yet.", "conflict");
  const items = snapshotOf(row);
  const results = ResultsSchema.parse(row.results ?? []) as unknown as ItemResult[];
  const answers = answersOf(row);
  const question = getQuestion(row.questionSlug);
  const seen = presentQuiz(items, row.seed, { shuffleItems: row.shuffle, shuffleOptions: row.shuffle });
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

/** The graded review of a submitted attempt. */
export async function getAttemptResult(actor: QuizActor, id: string): Promise<AttemptResultView> {
  return resultView(await loadOwn(actor, id));
}

export const SelfGradeSchema = z.object({ itemId: z.string().max(100), ticked: z.array(z.number().int().min(0).max(63)).max(64) });

/**
 * The candidate grades a free-text answer against the rubric, once, after submitting: the only
 * change a submitted attempt accepts, and recorded as a self-grade, never as machine-checked.
 */
export async function selfGradeFreeText(actor: QuizActor, id: string, input: z.output<typeof SelfGradeSchema>, now = new Date()): Promise<AttemptResultView> {
  const row = await loadOwn(actor, id);
  if (row.status !== "submitted") throw new DataError("Submit the attempt before grading your free-text answers.", "conflict");
  const items = snapshotOf(row);
  const item = items.find((i) => i.id === input.itemId);
  if (!item || item.type !== "freetext") throw notFound("That free-text item");
  const selfGrades = recordOf(row.selfGrades);
  if (Object.hasOwn(selfGrades, item.id)) throw new DataError("This answer was already self-graded.", "conflict");
  if (input.ticked.some((t) => t >= item.rubric.length)) throw new DataError(`Rubric points are numbered 0 to ${item.rubric.length - 1}.`);
  const next = { ...selfGrades, [item.id]: [...new Set(input.ticked)].sort((a, b) => a - b) };
  const grade = gradeAttempt(items, answersOf(row), next);
  const prisma = await getPrisma();
  const { count } = await prisma.quizAttempt.updateMany({
    where: { id, ...ownerWhere(actor), status: "submitted", answersVersion: row.answersVersion },
    data: {
      selfGrades: next as Prisma.InputJsonValue,
      answersVersion: { increment: 1 },
      score: grade.score,
      results: grade.items as unknown as Prisma.InputJsonValue,
    },
  });
  if (count === 0) throw new DataError("This attempt changed meanwhile; reload to see it.", "conflict");
  if (actor.kind === "user") {
    const r = grade.items.find((x) => x.itemId === item.id)!;
    await scheduleReviews(actor.userId, row.questionSlug, [r], now, { includeSelfGraded: true });
  }
  return getAttemptResult(actor, id);
}

export type AttemptSummary = { id: string; questionSlug: string; mode: string; status: AttemptStatus; score: number | null; maxScore: number | null; startedAt: string; submittedAt: string | null };

export async function listAttempts(actor: QuizActor, slug?: string): Promise<AttemptSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: { ...ownerWhere(actor), ...(slug ? { questionSlug: slug } : {}) },
    select: { id: true, questionSlug: true, mode: true, status: true, score: true, maxScore: true, startedAt: true, submittedAt: true },
    orderBy: { startedAt: "desc" },
    take: 100,
  });
  return rows.map((r) => ({ ...r, status: r.status as AttemptStatus, startedAt: r.startedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null }));
}
