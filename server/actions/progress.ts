"use server";

import { z } from "zod";
import { authedAction } from "@/server/actions/safe-action";
import { SlugSchema } from "@/lib/schemas/common";
import { getSelfGrade, recordSelfGrade } from "@/server/data/progress";

const slug = SlugSchema;

export const saveSelfGradeAction = authedAction(
  z.object({ slug, keyPointsHit: z.array(z.number().int().min(0).max(50)).max(50) }),
  (input, viewer) => recordSelfGrade(viewer, input.slug, input.keyPointsHit),
);

export const getSelfGradeAction = authedAction(z.object({ slug }), (input, viewer) => getSelfGrade(viewer, input.slug));
