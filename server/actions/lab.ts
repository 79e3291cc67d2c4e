"use server";

import { actorAction } from "@/server/actions/safe-action";
import { recordLabRun } from "@/server/data/lab-runs";
import { LabRunInputSchema } from "@/lib/schemas/lab-run";

/**
 * Stores a finished lab job for the signed-in user, or for this browser's guest (the cookie is created
 * here) so that signing up can import it. The page refreshes its list of recent runs after.
 */
export const saveLabRunAction = actorAction(
  LabRunInputSchema,
  async (input, actor) => {
    const run = await recordLabRun(actor, input);
    return { id: run.id };
  },
  { createGuest: true },
);
