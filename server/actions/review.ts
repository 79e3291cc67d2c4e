"use server";

import { authedAction } from "@/server/actions/safe-action";
import { InterviewDateSchema, setInterviewDate } from "@/server/data/review-cards";

/** Set or clear the interview date the review schedule aims at. */
export const setInterviewDateAction = authedAction(InterviewDateSchema, (input, viewer) => setInterviewDate(viewer.id, input));
