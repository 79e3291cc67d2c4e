import "server-only";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuestion, getQuizItemsWithKey } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { authorize, ownerOf, type Actor } from "@/server/permissions";
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
  ratingFor,
  reviewItem,
  scheduleReview,
  ReviewCardSchema,
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
  mode: "full" | "mistakes";
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

type AttemptRow = Prisma.QuizAttemptGetPayload<object>;

function ownerWhere(actor: QuizActor) {
  return actor.kind === "user" ? { userId: actor.userId } : { userId: null, guestKeyHash: actor.guestKeyHash };
}

/**
 * Whose work an attempt is part of: personal practice, or a set's (later, a cohort assignment's). The
 * owner always owns the attempt; the context decides who else may read it (server/permissions).
 */
export type AttemptContext = { type: "personal" } | { type: "set"; id: string };
export const PERSONAL: AttemptContext = { type: "personal" };

/** The permission to start an attempt in each shared context (the context's scope and action). */
const START_IN = { set: "set.attempt.start" } as const;
const READ_IN = { set: "set.results.read" } as const;

function contextWhere(context: AttemptContext) {
  return context.type === "personal" ? { contextType: "personal", contextId: null } : { contextType: context.type, contextId: context.id };
}

/** The owner's open attempt on a question in one context: at most one (a partial unique index). */
async function findOpenRow(actor: QuizActor, slug: string, context: AttemptContext): Promise<AttemptRow | null> {
  const prisma = await getPrisma();
  return prisma.quizAttempt.findFirst({ where: { ...ownerWhere(actor), questionSlug: slug, status: "in_progress", ...contextWhere(context) } });
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
    mode: row.mode === "mistakes" ? "mistakes" : "full",
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
  mode: z.enum(["full", "mistakes"]).default("full"),
  /** Optional time limit in minutes (1–180). */
  timeLimitMinutes: z.coerce.number().int().min(1).max(180).optional(),
  shuffle: z.boolean().default(true),
});
export type StartAttemptInput = z.input<typeof StartAttemptSchema>;

/**
 * Start a personal attempt, or return the one already in progress for this question (a reload, a second
 * tab or a racing request never opens a second one: a partial unique index enforces it).
 */
export async function startAttempt(actor: QuizActor, input: z.output<typeof StartAttemptSchema>, now = new Date()): Promise<AttemptView> {
  return openAttempt(actor, PERSONAL, input, now);
}

/**
 * Start (or resume) the actor's own attempt in a shared context, e.g. a set it reached through a share
 * link. Needs the context's start action; the context's own module checks that the question belongs to it.
 */
export async function startAttemptInContext(
  actor: Actor,
  context: Exclude<AttemptContext, { type: "personal" }>,
  input: z.output<typeof StartAttemptSchema>,
  now = new Date(),
): Promise<AttemptView> {
  authorize(actor, context, START_IN[context.type]);
  const owner = ownerOf(actor);
  // Only a user or a guest browser can own an attempt; an anonymous request must get a guest cookie first.
  if (!owner) throw notFound("That set");
  if (input.mode === "mistakes") throw new DataError("An attempt in a set covers the whole quiz; retrying mistakes is for personal practice.");
  return openAttempt(owner, context, input, now);
}

async function openAttempt(actor: QuizActor, context: AttemptContext, input: z.output<typeof StartAttemptSchema>, now: Date): Promise<AttemptView> {
  const all = getQuizItemsWithKey(input.slug);
  if (!all) throw notFound("That quiz");
  const prisma = await getPrisma();
  const open = await findOpenRow(actor, input.slug, context);
  if (open) return toView(open, now);

  let items = all;
  if (input.mode === "mistakes") {
    const ids = new Set(await getMistakeItemIds(actor, input.slug));
    items = all.filter((i) => ids.has(i.id));
    if (!items.length) throw new DataError("No mistakes to retry: every item of this quiz was right in your latest attempts.", "conflict");
  }
  const limitMs = input.timeLimitMinutes ? input.timeLimitMinutes * 60_000 : null;
  try {
    const row = await prisma.quizAttempt.create({
      data: {
        ...(actor.kind === "user" ? { userId: actor.userId } : { guestKeyHash: actor.guestKeyHash }),
        questionSlug: input.slug,
        ...contextWhere(context),
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
      const raced = await findOpenRow(actor, input.slug, context);
      if (raced) return toView(raced, now);
    }
    throw e;
  }
}

export async function getAttemptView(actor: QuizActor, id: string, now = new Date()): Promise<AttemptView> {
  return toView(await loadOwn(actor, id), now);
}

/** The actor's attempt in progress for a question in a context (personal practice unless named), if any. */
export async function findOpenAttempt(actor: QuizActor, slug: string, now = new Date(), context: AttemptContext = PERSONAL): Promise<AttemptView | null> {
  const row = await findOpenRow(actor, slug, context);
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
  // Spaced review is for personal practice: a set's items are not bank questions and belong to its owner.
  if (count === 1 && actor.kind === "user" && row.contextType === "personal") await scheduleReviews(actor.userId, row.questionSlug, grade.items, now);
  return resultView(stored);
}

async function scheduleReviews(userId: string, slug: string, results: ItemResult[], now: Date, { includeSelfGraded = false } = {}) {
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
  if (actor.kind === "user" && row.contextType === "personal") {
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

/** Add this browser's guest attempts to the user's account (offered after sign-in). Returns how many moved. */
export async function claimGuestAttempts(userId: string, guestKeyHash: string): Promise<number> {
  const prisma = await getPrisma();
  const busy = await prisma.quizAttempt.findMany({
    where: { userId, status: "in_progress" },
    select: { questionSlug: true, contextType: true, contextId: true },
  });
  // A guest attempt in progress for a question the user already has open in the same context stays with
  // the guest (one open attempt per question and context).
  const { count } = await prisma.quizAttempt.updateMany({
    where: { userId: null, guestKeyHash, ...(busy.length ? { NOT: { status: "in_progress", OR: busy } } : {}) },
    data: { userId, guestKeyHash: null },
  });
  return count;
}

export type ContextAttemptSummary = AttemptSummary & { owner: { kind: "user"; userId: string; name: string | null } | { kind: "guest" } };

/** Every attempt made in a shared context (a set's results). Needs the context's read action. */
export async function listContextAttempts(actor: Actor, context: Exclude<AttemptContext, { type: "personal" }>): Promise<ContextAttemptSummary[]> {
  authorize(actor, context, READ_IN[context.type]);
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: contextWhere(context),
    select: {
      id: true,
      questionSlug: true,
      mode: true,
      status: true,
      score: true,
      maxScore: true,
      startedAt: true,
      submittedAt: true,
      user: { select: { id: true, name: true } },
    },
    orderBy: { startedAt: "desc" },
    take: 500,
  });
  return rows.map(({ user, ...r }) => ({
    ...r,
    status: r.status as AttemptStatus,
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    owner: user ? { kind: "user", userId: user.id, name: user.name } : { kind: "guest" },
  }));
}

export async function countGuestAttempts(guestKeyHash: string): Promise<number> {
  const prisma = await getPrisma();
  return prisma.quizAttempt.count({ where: { userId: null, guestKeyHash } });
}

/** Items due for review now (the FSRS queue), soonest first. */
export async function getReviewQueue(userId: string, now = new Date()) {
  const prisma = await getPrisma();
  const rows = await prisma.reviewCard.findMany({ where: { userId, due: { lte: now } }, select: { questionSlug: true, itemId: true, due: true }, orderBy: { due: "asc" }, take: 200 });
  const bySlug = new Map<string, { questionSlug: string; title: string; itemIds: string[]; due: string }>();
  for (const r of rows) {
    const entry = bySlug.get(r.questionSlug) ?? { questionSlug: r.questionSlug, title: getQuestion(r.questionSlug)?.title ?? r.questionSlug, itemIds: [], due: r.due.toISOString() };
    entry.itemIds.push(r.itemId);
    bySlug.set(r.questionSlug, entry);
  }
  return [...bySlug.values()];
}
