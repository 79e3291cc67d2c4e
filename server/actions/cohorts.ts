"use server";

import { z } from "zod";
import { authedAction } from "@/server/actions/safe-action";
import { actorForViewer } from "@/server/data/quiz-actor";
import { DataError } from "@/server/data/errors";
import { clientIp } from "@/server/request";
import { addInstructor, createCohort, deleteCohort, removeMember } from "@/server/data/cohorts";
import { createInvite, joinCohortByCode, joinCohortByToken, revokeInvite, TooManyCodeAttempts } from "@/server/data/cohort-invites";
import {
  createAssignment,
  deleteAssignment,
  grantExtraTime,
  saveAssignmentAnswers,
  startAssignmentAttempt,
  submitAssignmentAttempt,
} from "@/server/data/cohort-assignments";
import { submitChallenge } from "@/server/data/lab-challenges";
import {
  AddInstructorSchema,
  CreateAssignmentSchema,
  CreateCohortSchema,
  CreateInviteSchema,
  ExtraTimeSchema,
  JoinCodeSchema,
  SubmitChallengeSchema,
} from "@/lib/schemas/cohorts";
import { SaveAnswersSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { IdSchema } from "@/lib/schemas/common";
import { text } from "@/lib/schemas/input";

/**
 * Server actions for the cohort pages (app/cohorts/**). Each call reads the viewer — and so its memberships —
 * afresh (authedAction → getViewer, cached per request only); the data layer authorises every one.
 */

const Cohort = z.object({ cohortId: IdSchema });
const Assignment = Cohort.extend({ assignmentId: IdSchema });
const Attempt = Assignment.extend({ attemptId: IdSchema });

export const createCohortAction = authedAction(CreateCohortSchema, (input, viewer) => createCohort(actorForViewer(viewer), input));

export const deleteCohortAction = authedAction(Cohort, async ({ cohortId }, viewer) => {
  await deleteCohort(actorForViewer(viewer), cohortId);
  return { deleted: cohortId };
});

export const addInstructorAction = authedAction(AddInstructorSchema.extend(Cohort.shape), ({ cohortId, ...input }, viewer) =>
  addInstructor(actorForViewer(viewer), cohortId, input),
);

export const removeMemberAction = authedAction(Cohort.extend({ userId: IdSchema }), async ({ cohortId, userId }, viewer) => {
  await removeMember(actorForViewer(viewer), cohortId, userId);
  return { removed: userId };
});

export const createInviteAction = authedAction(CreateInviteSchema.extend(Cohort.shape), ({ cohortId, ...input }, viewer) =>
  createInvite(actorForViewer(viewer), cohortId, input),
);

export const revokeInviteAction = authedAction(Cohort.extend({ inviteId: IdSchema }), async ({ cohortId, inviteId }, viewer) => {
  await revokeInvite(actorForViewer(viewer), cohortId, inviteId);
  return { revoked: inviteId };
});

export const joinByCodeAction = authedAction(JoinCodeSchema, async ({ code }, viewer) => {
  try {
    return await joinCohortByCode(actorForViewer(viewer), code, await clientIp());
  } catch (e) {
    if (e instanceof TooManyCodeAttempts) throw new DataError(e.message, "conflict");
    throw e;
  }
});

export const joinByTokenAction = authedAction(z.object({ token: text().max(100) }), ({ token }, viewer) =>
  joinCohortByToken(actorForViewer(viewer), token),
);

export const createAssignmentAction = authedAction(
  z.object({ cohortId: IdSchema, assignment: CreateAssignmentSchema }),
  ({ cohortId, assignment }, viewer) => createAssignment(actorForViewer(viewer), cohortId, assignment),
);

export const deleteAssignmentAction = authedAction(Assignment, async ({ cohortId, assignmentId }, viewer) => {
  await deleteAssignment(actorForViewer(viewer), cohortId, assignmentId);
  return { deleted: assignmentId };
});

export const grantExtraTimeAction = authedAction(ExtraTimeSchema.extend(Assignment.shape), ({ cohortId, assignmentId, ...input }, viewer) =>
  grantExtraTime(actorForViewer(viewer), cohortId, assignmentId, input),
);

export const startAssignmentAttemptAction = authedAction(Assignment, ({ cohortId, assignmentId }, viewer) =>
  startAssignmentAttempt(actorForViewer(viewer), cohortId, assignmentId),
);

export const saveAssignmentAnswersAction = authedAction(
  SaveAnswersSchema.extend(Attempt.shape),
  ({ cohortId, assignmentId, attemptId, ...input }, viewer) =>
    saveAssignmentAnswers(actorForViewer(viewer), cohortId, assignmentId, attemptId, input),
);

export const submitAssignmentAttemptAction = authedAction(
  SubmitAttemptSchema.extend(Attempt.shape),
  ({ cohortId, assignmentId, attemptId, ...input }, viewer) =>
    submitAssignmentAttempt(actorForViewer(viewer), cohortId, assignmentId, attemptId, input),
);

export const submitChallengeAction = authedAction(
  SubmitChallengeSchema.extend(Assignment.shape),
  ({ cohortId, assignmentId, ...input }, viewer) => submitChallenge(actorForViewer(viewer), cohortId, assignmentId, input),
);
