"use server";

import { z } from "zod";
import { actorAction } from "@/server/actions/safe-action";
import { SlugSchema } from "@/lib/schemas/common";
import { getSelfGrade, recordSelfGrade } from "@/server/data/progress";

const slug = SlugSchema;

// A guest's self-grade is kept on the server under the guest cookie (created here), so sign-up can import it.
export const saveSelfGradeAction = actorAction(
  z.object({ slug, keyPointsHit: z.array(z.number().int().min(0).max(50)).max(50) }),
  (input, actor) => recordSelfGrade(actor, input.slug, input.keyPointsHit),
  { createGuest: true },
);

export const getSelfGradeAction = actorAction(z.object({ slug }), (input, actor) => getSelfGrade(actor, input.slug));
