import "server-only";
import type { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuizItemsWithKey } from "@/server/content";
import { DataError, notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { authorize, ownerOf, type Actor } from "@/server/permissions";
import {
  answersOf,
  asJson,
  contextWhere,
  findOpenRow,
  loadOwn,
  ownerData,
  ownerWhere,
  PERSONAL,
  recordOf,
  snapshotOf,
  type AttemptContext,
  type AttemptRow,
  type SharedContext,
} from "@/server/data/attempt-rows";
import { getAttemptResult, getMistakeItemIds, resultView, toView, type AttemptResultView, type AttemptView } from "@/server/data/attempt-views";
import { getDueItemIds, scheduleReviews } from "@/server/data/review-cards";
import type { SaveAnswersSchema, SelfGradeSchema, StartAttemptSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import type { QuizItem } from "@/lib/schemas/quiz";
import { DEFAULT_GRACE_MS, createSeed, deadlineFor, deadlineWindow, gradeAttempt, parseResponse } from "@/lib/quiz";

/**
 * The attempt lifecycle: start, save answers, submit (idempotent), self-grade. Every function takes the
 * actor and only ever touches that actor's attempts; another's attempt reads as "not found" (decision 005).
 * Grading happens here, on the server, from the attempt's own snapshot of the items.
 * Views and lists: attempt-views.ts; the review queue: review-cards.ts; guest claims: guest-import.ts.
 */

function staleAnswers(): DataError {
  return new DataError("These answers are out of date (the quiz changed in another tab or was submitted). Reload to continue.", "conflict");
}

/** The permission to start an attempt in each shared context. */
const START_IN = { set: "set.attempt.start" } as const;

/**
 * Start a personal attempt, or return the one already in progress for this question (a reload, a second
 * tab or a racing request never opens a second one: a partial unique index enforces it).
 */
export async function startAttempt(
  actor: QuizActor,
  input: z.output<typeof StartAttemptSchema>,
  now = new Date(),
  itemOrder: ItemOrder = "shuffled",
): Promise<AttemptView> {
  return openAttempt(actor, PERSONAL, input, now, itemOrder);
}

/** Item order of a new attempt: the server's choice (a set owner's), never the candidate's. Options are always shuffled. */
export type ItemOrder = "shuffled" | "fixed";

/**
 * Start (or resume) the actor's own attempt in a shared context, e.g. a set it reached through a share
 * link. Needs the context's start action; the context's own module checks that the question belongs to it.
 */
export async function startAttemptInContext(
  actor: Actor,
  context: SharedContext,
  input: z.output<typeof StartAttemptSchema>,
  now = new Date(),
  itemOrder: ItemOrder = "shuffled",
): Promise<AttemptView> {
  authorize(actor, context, START_IN[context.type]);
  const owner = ownerOf(actor);
  // Only a user or a guest browser can own an attempt; an anonymous request must get a guest cookie first.
  if (!owner) throw notFound("That set");
  if (input.mode !== "full") throw new DataError("An attempt in a set covers the whole quiz; retrying mistakes and reviews are for personal practice.");
  return openAttempt(owner, context, input, now, itemOrder);
}

async function openAttempt(
  actor: QuizActor,
  context: AttemptContext,
  input: z.output<typeof StartAttemptSchema>,
  now: Date,
  itemOrder: ItemOrder,
): Promise<AttemptView> {
  const all = getQuizItemsWithKey(input.slug);
  if (!all) throw notFound("That quiz");
  const open = await findOpenRow(actor, input.slug, context);
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
  const prisma = await getPrisma();
  try {
    const row = await prisma.quizAttempt.create({
      data: {
        ...ownerData(actor),
        questionSlug: input.slug,
        ...contextWhere(context),
        mode: input.mode,
        itemsSnapshot: asJson(items),
        seed: createSeed() >>> 1, // 31 bits: fits PostgreSQL's integer
        shuffle: itemOrder === "shuffled", // the column is the item order; options are shuffled regardless
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
export async function saveAnswers(
  actor: QuizActor,
  id: string,
  input: z.output<typeof SaveAnswersSchema>,
  now = new Date(),
): Promise<{ version: number }> {
  const row = await loadOwn(actor, id);
  if (row.status !== "in_progress") throw new DataError("This attempt was already submitted; its answers can no longer change.", "conflict");
  if (deadlineWindow(now, row.deadline, 0) !== "open") {
    throw new DataError("Time is up: answers saved after the deadline do not count. Submit the attempt.", "conflict");
  }
  const merged = { ...answersOf(row), ...validatedAnswers(snapshotOf(row), input.answers) };
  for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
  const prisma = await getPrisma();
  // Compare-and-set on the version: a stale tab, or a save that raced a submit, changes nothing.
  const { count } = await prisma.quizAttempt.updateMany({
    where: { id, ...ownerWhere(actor), status: "in_progress", answersVersion: input.version },
    data: { answers: asJson(merged), answersVersion: { increment: 1 } },
  });
  if (count === 0) throw staleAnswers();
  return { version: input.version + 1 };
}

/**
 * Submit and grade. Idempotent: the first submit wins in one conditional update; every later or
 * concurrent submit returns that same stored result (decision 005). Any score a client sends is ignored.
 */
export async function submitAttempt(
  actor: QuizActor,
  id: string,
  input: z.output<typeof SubmitAttemptSchema>,
  now = new Date(),
): Promise<AttemptResultView> {
  return resultView(await closeAttempt(actor, id, input, now));
}

/**
 * Grade and close (idempotent, as `submitAttempt`), returning the stored row: for a shared context's module
 * (a set), which decides itself what of the graded attempt its candidate may see.
 * Compare-and-set on the version, like a save: a submit from a tab that has not seen the latest saved answers
 * would grade answers its user never saw, so it is a conflict instead.
 */
export async function closeAttempt(
  actor: QuizActor,
  id: string,
  input: z.output<typeof SubmitAttemptSchema>,
  now = new Date(),
): Promise<AttemptRow> {
  const row = await loadOwn(actor, id);
  if (row.status === "submitted") return row;
  if (row.answersVersion !== input.version) throw staleAnswers();
  const items = snapshotOf(row);
  let answers = answersOf(row);
  const window = deadlineWindow(now, row.deadline, DEFAULT_GRACE_MS);
  if (input.answers && deadlineWindow(now, row.deadline, 0) === "open") {
    answers = { ...answers, ...validatedAnswers(items, input.answers) };
    for (const k of Object.keys(answers)) if (answers[k] === null) delete answers[k];
  }
  const grade = gradeAttempt(items, answers);
  const prisma = await getPrisma();
  // All or nothing: the stored result and every write that belongs to it (review cards) commit together,
  // so an acknowledged submit is complete, and a failed one leaves the attempt open for a retry that redoes it all.
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.quizAttempt.updateMany({
      where: { id, ...ownerWhere(actor), status: "in_progress", answersVersion: input.version },
      data: {
        status: "submitted",
        submittedAt: now,
        overdue: window === "closed",
        answers: asJson(answers),
        score: grade.score,
        maxScore: grade.max,
        results: asJson(grade.items),
      },
    });
    // Spaced review is for personal practice: a set's items are not bank questions and belong to its owner.
    if (count === 1 && actor.kind === "user" && row.contextType === "personal") {
      await scheduleReviews(actor.userId, row.questionSlug, grade.items, now, { db: tx });
    }
    return count;
  });
  const stored = await loadOwn(actor, id);
  // Lost the race to a save (not to another submit, which leaves the attempt submitted): stale.
  if (count === 0 && stored.status !== "submitted") throw staleAnswers();
  return stored;
}

/**
 * The candidate grades a free-text answer against the rubric, once, after submitting: the only
 * change a submitted attempt accepts, and recorded as a self-grade, never as machine-checked.
 */
export async function selfGradeFreeText(
  actor: QuizActor,
  id: string,
  input: z.output<typeof SelfGradeSchema>,
  now = new Date(),
): Promise<AttemptResultView> {
  const row = await loadOwn(actor, id);
  // A set's free-text answers are graded by the set's owner (decision 039), never by the candidate.
  if (row.contextType !== "personal") throw notFound("That attempt");
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
  // The self-grade and the review card it schedules commit together, like a submit.
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.quizAttempt.updateMany({
      where: { id, ...ownerWhere(actor), status: "submitted", answersVersion: row.answersVersion },
      data: {
        selfGrades: asJson(next),
        answersVersion: { increment: 1 },
        score: grade.score,
        results: asJson(grade.items),
      },
    });
    if (count === 1 && actor.kind === "user" && row.contextType === "personal") {
      const r = grade.items.find((x) => x.itemId === item.id)!;
      await scheduleReviews(actor.userId, row.questionSlug, [r], now, { includeSelfGraded: true, db: tx });
    }
    return count;
  });
  if (count === 0) throw new DataError("This attempt changed meanwhile; reload to see it.", "conflict");
  return getAttemptResult(actor, id);
}
