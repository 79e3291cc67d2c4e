"use server";

import { z } from "zod";
import { actorAction, authedAction } from "@/server/actions/safe-action";
import { saveAnswers, selfGradeFreeText, startAttempt, submitAttempt } from "@/server/data/attempts";
import { guestKeyHashOfRequest } from "@/server/data/quiz-actor";
import { GUEST_OFFER_EMPTY, importGuestData } from "@/server/data/guest-import";
import { SaveAnswersSchema, SelfGradeSchema, StartAttemptSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { IdSchema } from "@/lib/schemas/common";

const attemptId = IdSchema;

export const startAttemptAction = actorAction(StartAttemptSchema, (input, actor) => startAttempt(actor, input), { createGuest: true });

export const saveAnswersAction = actorAction(SaveAnswersSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) =>
  saveAnswers(actor, attemptId, input),
);

export const submitAttemptAction = actorAction(SubmitAttemptSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) =>
  submitAttempt(actor, attemptId, input),
);

export const selfGradeAction = actorAction(SelfGradeSchema.extend({ attemptId }), ({ attemptId, ...input }, actor) =>
  selfGradeFreeText(actor, attemptId, input),
);

/** Add everything this browser did as a guest (attempts, self-grades, lab runs) to the signed-in account. */
export const importGuestDataAction = authedAction(z.object({}), async (_input, viewer) => {
  const hash = await guestKeyHashOfRequest();
  return hash ? importGuestData(viewer.id, hash) : { ...GUEST_OFFER_EMPTY, reviewCards: 0 };
});
