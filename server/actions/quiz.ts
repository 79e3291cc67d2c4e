"use server";

import { z } from "zod";
import { actorAction, authedAction } from "@/server/actions/safe-action";
import { saveAnswers, selfGradeFreeText, startAttempt, submitAttempt } from "@/server/data/attempts";
import { claimGuestAttempts } from "@/server/data/guest-import";
import { guestKeyHashOfRequest } from "@/server/data/quiz-actor";
import { SaveAnswersSchema, SelfGradeSchema, StartAttemptSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { IdSchema } from "@/lib/schemas/common";

const attemptId = IdSchema;

export const startAttemptAction = actorAction(StartAttemptSchema, (input, actor) => startAttempt(actor, input), { createGuest: true });

export const saveAnswersAction = actorAction(SaveAnswersSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) => saveAnswers(actor, attemptId, input));

export const submitAttemptAction = actorAction(SubmitAttemptSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) => submitAttempt(actor, attemptId, input));

export const selfGradeAction = actorAction(SelfGradeSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) => selfGradeFreeText(actor, attemptId, input));

/** Add the attempts this browser made as a guest to the signed-in account. */
export const importGuestAttemptsAction = authedAction(z.object({}), async (_input, viewer) => {
  const hash = await guestKeyHashOfRequest();
  return { imported: hash ? await claimGuestAttempts(viewer.id, hash) : 0 };
});
