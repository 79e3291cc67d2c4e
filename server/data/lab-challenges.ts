import "server-only";
import type { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { authorize, scopeNotFound, type Actor } from "@/server/permissions";
import { gradeLabSettings, GraderBusy, type GradeNumbers } from "@/server/lab-grader";
import { LabChallengeSchema, type LabChallenge, type SubmitChallengeSchema } from "@/lib/schemas/cohorts";
import { DEFAULT_LAB_SETTINGS, LabSettingsSchema, type LabSettings } from "@/lib/lab/settings";
import { isLate } from "@/lib/cohorts/late";

/**
 * Lab challenges (issue 11, docs/decisions/033): "reach at least X% test accuracy with at most F training FLOPs
 * (or P trainable parameters) on base B with n examples". The student submits lab settings; the server fixes the
 * challenge's base, n and seed (and the backend, wasm), validates the rest with the lab's own schema and a bound on
 * the work (n × epochs), re-runs them headless (server/lab-grader.ts) and grades its own numbers. What the browser
 * claims is stored as `claimed` for comparison and never read for grading.
 */

/** Upper bound on training-example passes (n × epochs) a submission may ask the server to run. */
export const MAX_SAMPLE_EPOCHS = 40_000;

export type ChallengeSubmissionDTO = {
  id: string;
  assignmentId: string;
  status: "grading" | "graded" | "error";
  settings: LabSettings;
  testAccuracy: number | null;
  trainingFlops: number | null;
  trainableParams: number | null;
  passed: boolean | null;
  detail: string | null;
  late: boolean;
  submittedAt: string;
  gradedAt: string | null;
};

/** The settings the server will run: the student's choices, with the challenge's base, n and seed and the server's backend. */
export function challengeSettings(challenge: LabChallenge, submitted: Record<string, unknown>): LabSettings {
  const parsed = LabSettingsSchema.safeParse({
    ...DEFAULT_LAB_SETTINGS,
    ...submitted,
    base: challenge.base,
    n: challenge.n,
    seed: challenge.seed,
    backend: "wasm",
    repeats: 1,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(`These lab settings are not valid${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}.`);
  }
  const s = parsed.data;
  if (s.n * s.epochs > MAX_SAMPLE_EPOCHS) {
    throw new DataError(`Too much training for the grader: examples × epochs may be at most ${MAX_SAMPLE_EPOCHS.toLocaleString("en")} (lower the epochs).`);
  }
  return s;
}

/** Pass or fail from the server's numbers only. */
export function judge(challenge: LabChallenge, n: Pick<GradeNumbers, "testAccuracy" | "trainingFlops" | "trainableParams">): { passed: boolean; detail: string } {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const reasons: string[] = [];
  if (!(n.testAccuracy >= challenge.minTestAccuracy)) reasons.push(`test accuracy ${pct(n.testAccuracy)} is below ${pct(challenge.minTestAccuracy)}`);
  if (challenge.budget.kind === "flops" && !(n.trainingFlops <= challenge.budget.maxFlops))
    reasons.push(`training used ${n.trainingFlops.toExponential(3)} FLOPs, over the budget of ${challenge.budget.maxFlops.toExponential(3)}`);
  if (challenge.budget.kind === "params" && !(n.trainableParams <= challenge.budget.maxTrainableParams))
    reasons.push(`${n.trainableParams} trainable parameters, over the budget of ${challenge.budget.maxTrainableParams}`);
  return reasons.length ? { passed: false, detail: reasons.join("; ") } : { passed: true, detail: "Reached the accuracy within the budget." };
}

const SELECT = {
  id: true,
  assignmentId: true,
  status: true,
  settings: true,
  testAccuracy: true,
  trainingFlops: true,
  trainableParams: true,
  passed: true,
  detail: true,
  late: true,
  submittedAt: true,
  gradedAt: true,
} as const;

function toDTO(r: Prisma.ChallengeSubmissionGetPayload<{ select: typeof SELECT }>): ChallengeSubmissionDTO {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    status: r.status as ChallengeSubmissionDTO["status"],
    settings: r.settings as LabSettings,
    testAccuracy: r.testAccuracy,
    trainingFlops: r.trainingFlops,
    trainableParams: r.trainableParams,
    passed: r.passed,
    detail: r.detail,
    late: r.late,
    submittedAt: r.submittedAt.toISOString(),
    gradedAt: r.gradedAt?.toISOString() ?? null,
  };
}

async function loadChallenge(cohortId: string, assignmentId: string): Promise<{ challenge: LabChallenge; dueAt: Date }> {
  const prisma = await getPrisma();
  const row = await prisma.cohortAssignment.findFirst({ where: { id: assignmentId, cohortId }, select: { kind: true, challenge: true, dueAt: true } });
  if (!row) throw new DataError("That assignment was not found.", "not-found");
  if (row.kind !== "lab-challenge" || !row.challenge) throw new DataError("This assignment is a question set, not a lab challenge.", "conflict");
  return { challenge: LabChallengeSchema.parse(row.challenge), dueAt: row.dueAt };
}

/**
 * Submit settings to a challenge (a student's own). The submission is stored first (status "grading", late if
 * submitted after the due date), then graded by the server's re-run within this request; the result is stored and
 * returned. If grading fails, the row says "error" and the student may submit again.
 */
export async function submitChallenge(
  actor: Actor,
  cohortId: string,
  assignmentId: string,
  input: z.output<typeof SubmitChallengeSchema>,
  now = new Date(),
): Promise<ChallengeSubmissionDTO> {
  authorize(actor, { type: "cohort", id: cohortId }, "cohort.attempt.start");
  if (actor.kind !== "user") throw scopeNotFound("cohort");
  const userId = actor.userId;
  const { challenge, dueAt } = await loadChallenge(cohortId, assignmentId);
  const settings = challengeSettings(challenge, input.settings);
  const prisma = await getPrisma();
  const busy = await prisma.challengeSubmission.count({ where: { userId, status: "grading", submittedAt: { gt: new Date(now.getTime() - 10 * 60_000) } } });
  if (busy > 0) throw new DataError("Your previous submission is still being graded.", "conflict");
  const row = await prisma.challengeSubmission.create({
    data: {
      assignmentId,
      userId,
      settings: settings,
      claimed: input.claimed ? (input.claimed as Prisma.InputJsonValue) : Prisma.DbNull,
      late: isLate(now, dueAt),
      submittedAt: now,
    },
    select: { id: true },
  });
  let numbers: GradeNumbers;
  try {
    numbers = await gradeLabSettings(settings);
  } catch (e) {
    const busyGrader = e instanceof GraderBusy;
    if (!busyGrader) logEvent("challenge.grade_failed", { submission: row.id, message: (e as Error).message });
    const detail = busyGrader ? e.message : "The grader could not run these settings; try again.";
    await prisma.challengeSubmission.update({ where: { id: row.id }, data: { status: "error", detail, gradedAt: new Date() } });
    if (busyGrader) throw new DataError(detail, "conflict");
    return toDTO(await prisma.challengeSubmission.findUniqueOrThrow({ where: { id: row.id }, select: SELECT }));
  }
  const verdict = judge(challenge, numbers);
  const saved = await prisma.challengeSubmission.update({
    where: { id: row.id },
    data: {
      status: "graded",
      testAccuracy: numbers.testAccuracy,
      trainingFlops: numbers.trainingFlops,
      trainableParams: numbers.trainableParams,
      passed: verdict.passed,
      detail: verdict.detail,
      gradedAt: new Date(),
    },
    select: SELECT,
  });
  return toDTO(saved);
}

/** The student's own submissions to one challenge, newest first. */
export async function listMyChallengeSubmissions(actor: Actor, cohortId: string, assignmentId: string): Promise<ChallengeSubmissionDTO[]> {
  authorize(actor, { type: "cohort", id: cohortId }, "cohort.read");
  if (actor.kind !== "user") throw scopeNotFound("cohort");
  await loadChallenge(cohortId, assignmentId);
  const prisma = await getPrisma();
  const rows = await prisma.challengeSubmission.findMany({
    where: { assignmentId, userId: actor.userId },
    select: SELECT,
    orderBy: { submittedAt: "desc" },
  });
  return rows.map(toDTO);
}
