"use server";

import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { authedAction } from "@/server/actions/safe-action";
import { getSelfGrade, recordSelfGrade } from "@/server/data/progress";

const slug = text().regex(/^[a-z0-9-]{1,100}$/);

export const saveSelfGradeAction = authedAction(
  z.object({ slug, keyPointsHit: z.array(z.number().int().min(0).max(50)).max(50) }),
  (input, viewer) => recordSelfGrade(viewer, input.slug, input.keyPointsHit),
);

export const getSelfGradeAction = authedAction(z.object({ slug }), (input, viewer) => getSelfGrade(viewer, input.slug));
