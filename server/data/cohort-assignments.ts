import "server-only";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import { closeAttempt, saveAnswers } from "@/server/data/attempts";
import { ownerWhere } from "@/server/data/attempt-rows";
import { authorize, can, scopeNotFound, type Actor, type ScopeRef } from "@/server/permissions";
import type { CreateAssignmentSchema, ExtraTimeSchema } from "@/lib/schemas/cohorts";
import { LabChallengeSchema, type LabChallenge } from "@/lib/schemas/cohorts";
import type { SaveAnswersSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { SetItemsSchema, SetSettingsSchema, type SetSettings } from "@/lib/schemas/sets";
import { createSeed, deadlineFor, presentQuiz, type PublicQuizItem } from "@/lib/quiz";
import { renderMarkdown } from "@/lib/markdown";
import { reviewVisibility, setPhase, type ReviewVisibility } from "@/lib/sets/review-policy";
import { isLate } from "@/lib/cohorts/late";

/**
 * Cohort assignments (issue 11, docs/decisions/032): a question set or a lab challenge, with a due date.
 * A set assignment's attempts are the quiz engine's rows in context ("assignment", <assignment id>), slug
 * "set:<set id>", items snapshotted from the set at start; the set's settings apply (dates, attempts, time limit,
 * order, review policy). An `assignment_attempts` row ties each to the assignment and stores the late mark,
 * fixed at submit (submitted_at > due_at). Extra time an instructor grants is added to the time limit.
 * Lab challenges are graded in lab-challenges.ts.
 */

export type AssignmentKind = "set" | "lab-challenge";
export type MyAssignmentStatus = "not_started" | "in_progress" | "submitted" | "passed" | "failed";

export type AssignmentDTO = {
  id: string;
  cohortId: string;
  kind: AssignmentKind;
  title: string;
  dueAt: string;
  setId: string | null;
  challenge: LabChallenge | null;
  /** The set's time limit (set assignments), before any extra time. */
  timeLimitMinutes: number | null;
  createdAt: string;
  /** A student's own state (only for the student asking). */
  mine: { status: MyAssignmentStatus; late: boolean; submittedAt: string | null; extraTimeMs: number; attemptId: string | null } | null;
};

const cohortScope = (id: string): ScopeRef<"cohort"> => ({ type: "cohort", id });
const slugOf = (setId: string) => `set:${setId}`;
const SnapshotSchema = z.array(QuizItemSchema);

type AssignmentRow = Prisma.CohortAssignmentGetPayload<{ include: { set: { select: { title: true; settings: true; items: true } } } }>;

async function loadAssignment(cohortId: string, assignmentId: string): Promise<AssignmentRow> {
  const prisma = await getPrisma();
  const row = await prisma.cohortAssignment.findFirst({
    where: { id: assignmentId, cohortId },
    include: { set: { select: { title: true, settings: true, items: true } } },
  });
  if (!row) throw new DataError("That assignment was not found.", "not-found");
  return row;
}

function settingsOf(row: AssignmentRow): SetSettings | null {
  return row.set ? SetSettingsSchema.parse(row.set.settings) : null;
}

function baseDTO(row: AssignmentRow): Omit<AssignmentDTO, "mine"> {
  return {
    id: row.id,
    cohortId: row.cohortId,
    kind: row.kind as AssignmentKind,
    title: row.title,
    dueAt: row.dueAt.toISOString(),
    setId: row.setId,
    challenge: row.challenge ? LabChallengeSchema.parse(row.challenge) : null,
    timeLimitMinutes: settingsOf(row)?.timeLimitMinutes ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Create an assignment. Needs cohort.assignments.manage; a set assignment also needs the right to read the set's
 * results (its owner or a viewer): a candidate holding only a share link cannot assign someone else's set.
 */
export async function createAssignment(actor: Actor, cohortId: string, input: z.output<typeof CreateAssignmentSchema>): Promise<AssignmentDTO> {
  authorize(actor, cohortScope(cohortId), "cohort.assignments.manage");
  const prisma = await getPrisma();
  if (!(await prisma.cohort.findUnique({ where: { id: cohortId }, select: { id: true } }))) throw scopeNotFound("cohort");
  const createdById = actor.kind === "user" ? actor.userId : null;
  let id: string;
  if (input.kind === "set") {
    authorize(actor, { type: "set", id: input.setId }, "set.results.read");
    const set = await prisma.questionSet.findUnique({ where: { id: input.setId }, select: { title: true } });
    if (!set) throw scopeNotFound("set");
    ({ id } = await prisma.cohortAssignment.create({
      data: { cohortId, kind: "set", title: input.title ?? set.title, setId: input.setId, dueAt: new Date(input.dueAt), createdById },
      select: { id: true },
    }));
  } else {
    ({ id } = await prisma.cohortAssignment.create({
      data: {
        cohortId,
        kind: "lab-challenge",
        title: input.title,
        challenge: input.challenge,
        dueAt: new Date(input.dueAt),
        createdById,
      },
      select: { id: true },
    }));
  }
  return { ...baseDTO(await loadAssignment(cohortId, id)), mine: null };
}

/** The cohort's assignments by due date. Every member reads them; a student also gets their own state. */
export async function listAssignments(actor: Actor, cohortId: string): Promise<AssignmentDTO[]> {
  authorize(actor, cohortScope(cohortId), "cohort.read");
  const prisma = await getPrisma();
  const rows = await prisma.cohortAssignment.findMany({
    where: { cohortId },
    include: { set: { select: { title: true, settings: true, items: true } } },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
  });
  const student = actor.kind === "user" && can(actor, cohortScope(cohortId), "cohort.attempt.start") ? actor.userId : null;
  if (!student) return rows.map((r) => ({ ...baseDTO(r), mine: null }));
  const ids = rows.map((r) => r.id);
  const [attempts, subs, extra] = await Promise.all([
    prisma.assignmentAttempt.findMany({
      where: { assignmentId: { in: ids }, userId: student },
      select: { assignmentId: true, late: true, attemptId: true, attempt: { select: { status: true, submittedAt: true } } },
      orderBy: { createdAt: "desc" },
    }),
    prisma.challengeSubmission.findMany({
      where: { assignmentId: { in: ids }, userId: student, status: "graded" },
      select: { assignmentId: true, late: true, passed: true, submittedAt: true },
      orderBy: { submittedAt: "desc" },
    }),
    prisma.assignmentExtraTime.findMany({ where: { assignmentId: { in: ids }, userId: student }, select: { assignmentId: true, extraTimeMs: true } }),
  ]);
  const extraOf = new Map(extra.map((e) => [e.assignmentId, e.extraTimeMs]));
  return rows.map((r) => {
    const extraTimeMs = extraOf.get(r.id) ?? 0;
    if (r.kind === "set") {
      const mine = attempts.filter((a) => a.assignmentId === r.id);
      const submitted = mine.find((a) => a.attempt.status === "submitted");
      const open = mine.find((a) => a.attempt.status === "in_progress");
      const status: MyAssignmentStatus = submitted ? "submitted" : open ? "in_progress" : "not_started";
      const chosen = submitted ?? open;
      return {
        ...baseDTO(r),
        mine: {
          status,
          late: submitted?.late ?? false,
          submittedAt: submitted?.attempt.submittedAt?.toISOString() ?? null,
          extraTimeMs,
          attemptId: chosen?.attemptId ?? null,
        },
      };
    }
    const mine = subs.filter((s) => s.assignmentId === r.id);
    // The best result counts: a pass if any submission passed (the earliest pass decides lateness).
    const passes = mine.filter((s) => s.passed);
    const decisive = passes.length ? passes[passes.length - 1]! : mine[0];
    const status: MyAssignmentStatus = !decisive ? "not_started" : decisive.passed ? "passed" : "failed";
    return {
      ...baseDTO(r),
      mine: { status, late: decisive?.late ?? false, submittedAt: decisive?.submittedAt.toISOString() ?? null, extraTimeMs, attemptId: null },
    };
  });
}

export async function getAssignment(actor: Actor, cohortId: string, assignmentId: string): Promise<AssignmentDTO> {
  authorize(actor, cohortScope(cohortId), "cohort.read");
  const all = await listAssignments(actor, cohortId);
  const found = all.find((a) => a.id === assignmentId);
  if (!found) throw new DataError("That assignment was not found.", "not-found");
  return found;
}

export async function deleteAssignment(actor: Actor, cohortId: string, assignmentId: string): Promise<void> {
  authorize(actor, cohortScope(cohortId), "cohort.assignments.manage");
  const prisma = await getPrisma();
  const { count } = await prisma.cohortAssignment.deleteMany({ where: { id: assignmentId, cohortId } });
  if (count === 0) throw new DataError("That assignment was not found.", "not-found");
}

// ------------------------------------------------------------------------------------ extra time

/**
 * Grant a student extra time on a timed assignment (replaces an earlier grant; 0 removes it). Applies to
 * attempts started later and, at once, to an attempt in progress (its deadline moves). Needs assignments.manage.
 */
export async function grantExtraTime(actor: Actor, cohortId: string, assignmentId: string, input: z.output<typeof ExtraTimeSchema>): Promise<{ extraTimeMs: number }> {
  authorize(actor, cohortScope(cohortId), "cohort.assignments.manage");
  const row = await loadAssignment(cohortId, assignmentId);
  const settings = settingsOf(row);
  if (!settings?.timeLimitMinutes) throw new DataError("Extra time applies to timed work only: this assignment has no time limit.", "conflict");
  const prisma = await getPrisma();
  const member = await prisma.membership.findUnique({
    where: { scopeType_scopeId_userId: { scopeType: "cohort", scopeId: cohortId, userId: input.userId } },
    select: { role: true },
  });
  if (member?.role !== "student") throw new DataError("That student was not found in this cohort.", "not-found");
  const extraTimeMs = input.extraMinutes * 60_000;
  await prisma.$transaction(async (tx) => {
    await tx.assignmentExtraTime.upsert({
      where: { assignmentId_userId: { assignmentId, userId: input.userId } },
      create: { assignmentId, userId: input.userId, extraTimeMs, grantedById: actor.kind === "user" ? actor.userId : null },
      update: { extraTimeMs, grantedById: actor.kind === "user" ? actor.userId : null },
    });
    const open = await tx.quizAttempt.findMany({
      where: { userId: input.userId, contextType: "assignment", contextId: assignmentId, status: "in_progress" },
      select: { id: true, startedAt: true, timeLimitMs: true },
    });
    for (const a of open) {
      let deadline = deadlineFor({ startedAt: a.startedAt, limitMs: a.timeLimitMs, extraMs: extraTimeMs });
      if (settings.closesAt && deadline && Date.parse(settings.closesAt) < deadline.getTime()) deadline = new Date(settings.closesAt);
      await tx.quizAttempt.update({ where: { id: a.id }, data: { extraTimeMs, deadline } });
    }
  });
  return { extraTimeMs };
}

// ------------------------------------------------------------------------------------ a student's attempt

export type AssignmentAttemptView = {
  id: string;
  assignmentId: string;
  title: string;
  status: "in_progress" | "submitted";
  items: (PublicQuizItem & { promptHtml: string })[];
  answers: Record<string, unknown>;
  answersVersion: number;
  startedAt: string;
  deadline: string | null;
  dueAt: string;
  extraTimeMs: number;
  serverNow: string;
};

export type AssignmentSubmitResult = {
  attemptId: string;
  submittedAt: string | null;
  late: boolean;
  visibility: ReviewVisibility;
  score: number | null;
  maxScore: number | null;
};

type OwnRow = Prisma.QuizAttemptGetPayload<{ include: { assignmentAttempt: true } }>;

function studentOf(actor: Actor, cohortId: string): string {
  authorize(actor, cohortScope(cohortId), "cohort.attempt.start");
  if (actor.kind !== "user") throw scopeNotFound("cohort");
  return actor.userId;
}

async function loadOwnAttempt(userId: string, assignmentId: string, attemptId: string): Promise<OwnRow> {
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, contextType: "assignment", contextId: assignmentId },
    include: { assignmentAttempt: true },
  });
  if (!row) throw new DataError("That attempt was not found.", "not-found");
  return row;
}

function attemptView(row: OwnRow, a: AssignmentRow, now: Date): AssignmentAttemptView {
  const items = SnapshotSchema.parse(row.itemsSnapshot);
  return {
    id: row.id,
    assignmentId: a.id,
    title: a.title,
    status: row.status === "submitted" ? "submitted" : "in_progress",
    items: presentQuiz(items, row.seed, { shuffleItems: row.assignmentAttempt?.itemOrder === "shuffled" }).map((i) => ({
      ...i,
      promptHtml: renderMarkdown(i.prompt),
    })),
    answers: (row.answers ?? {}) as Record<string, unknown>,
    answersVersion: row.answersVersion,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    dueAt: a.dueAt.toISOString(),
    extraTimeMs: row.extraTimeMs,
    serverNow: now.toISOString(),
  };
}

/**
 * Start (or resume) the student's attempt at a set assignment. Needs cohort.attempt.start (a student). The set's
 * settings decide: open/close dates, attempts allowed, time limit (+ the student's extra time), item order.
 * The due date does not stop anyone: work after it is marked late.
 */
export async function startAssignmentAttempt(actor: Actor, cohortId: string, assignmentId: string, now = new Date()): Promise<AssignmentAttemptView> {
  const userId = studentOf(actor, cohortId);
  const a = await loadAssignment(cohortId, assignmentId);
  if (a.kind !== "set" || !a.set || !a.setId) throw new DataError("This assignment is a lab challenge: submit lab settings instead.", "conflict");
  const settings = settingsOf(a)!;
  const prisma = await getPrisma();
  const mine = await prisma.quizAttempt.findMany({
    where: { userId, contextType: "assignment", contextId: assignmentId },
    select: { id: true, status: true },
  });
  const open = mine.find((m) => m.status === "in_progress");
  if (open) return attemptView(await loadOwnAttempt(userId, assignmentId, open.id), a, now);
  const phase = setPhase(settings, now);
  if (phase === "not-open") throw new DataError("This set is not open yet.", "conflict");
  if (phase === "closed") throw new DataError("This set is closed.", "conflict");
  if (mine.length >= settings.attemptsAllowed) throw new DataError("You have used every attempt this set allows.", "conflict");
  const extra = await prisma.assignmentExtraTime.findUnique({ where: { assignmentId_userId: { assignmentId, userId } }, select: { extraTimeMs: true } });
  const extraTimeMs = settings.timeLimitMinutes ? (extra?.extraTimeMs ?? 0) : 0;
  const limitMs = settings.timeLimitMinutes ? settings.timeLimitMinutes * 60_000 : null;
  let deadline = deadlineFor({ startedAt: now, limitMs, extraMs: extraTimeMs });
  if (settings.closesAt && (!deadline || Date.parse(settings.closesAt) < deadline.getTime())) deadline = new Date(settings.closesAt);
  const items = SetItemsSchema.parse(a.set.items).map((i) => i.item);
  try {
    const id = await prisma.$transaction(async (tx) => {
      const attempt = await tx.quizAttempt.create({
        data: {
          userId,
          questionSlug: slugOf(a.setId!),
          contextType: "assignment",
          contextId: assignmentId,
          mode: "full",
          itemsSnapshot: items,
          seed: createSeed() >>> 1,
          shuffle: true,
          startedAt: now,
          timeLimitMs: limitMs,
          extraTimeMs,
          deadline,
        },
        select: { id: true },
      });
      await tx.assignmentAttempt.create({ data: { attemptId: attempt.id, assignmentId, userId, itemOrder: settings.order } });
      return attempt.id;
    });
    return attemptView(await loadOwnAttempt(userId, assignmentId, id), a, now);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const raced = await prisma.quizAttempt.findFirst({
        where: { userId, contextType: "assignment", contextId: assignmentId, status: "in_progress" },
        select: { id: true },
      });
      if (raced) return attemptView(await loadOwnAttempt(userId, assignmentId, raced.id), a, now);
    }
    throw e;
  }
}

export async function getAssignmentAttempt(actor: Actor, cohortId: string, assignmentId: string, attemptId: string, now = new Date()): Promise<AssignmentAttemptView> {
  const userId = studentOf(actor, cohortId);
  const a = await loadAssignment(cohortId, assignmentId);
  return attemptView(await loadOwnAttempt(userId, assignmentId, attemptId), a, now);
}

export async function saveAssignmentAnswers(
  actor: Actor,
  cohortId: string,
  assignmentId: string,
  attemptId: string,
  input: z.output<typeof SaveAnswersSchema>,
  now = new Date(),
): Promise<{ version: number }> {
  const userId = studentOf(actor, cohortId);
  await loadAssignment(cohortId, assignmentId);
  await loadOwnAttempt(userId, assignmentId, attemptId);
  return saveAnswers({ kind: "user", userId }, attemptId, input, now);
}

/**
 * Submit (graded by the quiz engine, idempotent) and mark late when the stored submit instant is after the
 * due date. What the student then sees is the set's review policy's decision.
 */
export async function submitAssignmentAttempt(
  actor: Actor,
  cohortId: string,
  assignmentId: string,
  attemptId: string,
  input: z.output<typeof SubmitAttemptSchema>,
  now = new Date(),
): Promise<AssignmentSubmitResult> {
  const userId = studentOf(actor, cohortId);
  const a = await loadAssignment(cohortId, assignmentId);
  await loadOwnAttempt(userId, assignmentId, attemptId);
  const row = await closeAttempt({ kind: "user", userId }, attemptId, input, now);
  const late = row.submittedAt ? isLate(row.submittedAt, a.dueAt) : false;
  const prisma = await getPrisma();
  // Idempotent: a repeated submit returns the stored submitted_at, so the mark it computes is the same.
  await prisma.assignmentAttempt.updateMany({ where: { attemptId }, data: { late } });
  const settings = settingsOf(a)!;
  const visibility = reviewVisibility(settings, { status: "submitted" }, now);
  const showScore = visibility.show !== "nothing";
  return {
    attemptId,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    late,
    visibility,
    score: showScore ? row.score : null,
    maxScore: showScore ? row.maxScore : null,
  };
}

/** Reading the rows of one owner: attempt-rows' filter, here so a caller can list a student's assignment attempts. */
export const studentAttemptWhere = (userId: string, assignmentId: string) => ({
  ...ownerWhere({ kind: "user", userId }),
  contextType: "assignment",
  contextId: assignmentId,
});
