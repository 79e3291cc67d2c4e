"use server";

import { authedAction } from "@/server/actions/safe-action";
import { recordLabRun } from "@/server/data/lab-runs";
import { LabRunInputSchema } from "@/lib/schemas/lab-run";

/** Stores a finished lab job for the signed-in user (the page refreshes its list of recent runs after). */
export const saveLabRunAction = authedAction(LabRunInputSchema, async (input, viewer) => {
  const run = await recordLabRun(viewer, input);
  return { id: run.id };
});
