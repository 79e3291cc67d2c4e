import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { IdSchema } from "@/lib/schemas/common";
import { LAB_BASES, MIN_N } from "@/lib/lab/settings";
import { TARGET_POOL_SIZE } from "@/lib/lab/dataset";

/** Request schemas of cohorts (issue 11). Strings go through `text()` (no NUL). */

export const CohortTitleSchema = text().trim().min(1).max(200);

export const CreateCohortSchema = z.strictObject({
  title: CohortTitleSchema,
  description: text().max(5_000).optional(),
});

export const AddInstructorSchema = z.strictObject({ email: text().trim().toLowerCase().email().max(320) });

export const CreateInviteSchema = z.strictObject({
  /** ISO date-time with offset; must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  maxUses: z.number().int().min(1).max(10_000).optional(),
});

/** A short code as typed: letters and digits, dashes and spaces ignored, case-insensitive. */
export const JoinCodeSchema = z.strictObject({ code: text().trim().min(4).max(32) });

/**
 * A lab challenge: reach at least `minTestAccuracy` test accuracy with at most `maxFlops` training FLOPs (or
 * `maxTrainableParams` trainable parameters) on base `base` with `n` training examples, for the fixed `seed`.
 */
export const LabChallengeSchema = z.strictObject({
  base: z.enum(LAB_BASES),
  n: z.number().int().min(MIN_N).max(TARGET_POOL_SIZE),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  minTestAccuracy: z.number().min(0).max(1),
  budget: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("flops"), maxFlops: z.number().positive().max(1e15) }),
    z.strictObject({ kind: z.literal("params"), maxTrainableParams: z.number().int().positive().max(1e9) }),
  ]),
});
export type LabChallenge = z.output<typeof LabChallengeSchema>;

export const CreateAssignmentSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("set"),
    title: CohortTitleSchema.optional(),
    setId: IdSchema,
    dueAt: z.iso.datetime({ offset: true }),
  }),
  z.strictObject({
    kind: z.literal("lab-challenge"),
    title: CohortTitleSchema,
    challenge: LabChallengeSchema,
    dueAt: z.iso.datetime({ offset: true }),
  }),
]);

export const ExtraTimeSchema = z.strictObject({
  userId: IdSchema,
  /** Minutes added to the attempt's time limit (0 removes the grant). */
  extraMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});

/**
 * A challenge submission: the lab settings (validated by the lab's own schema in the data layer) and,
 * optionally, what the browser measured. The claimed numbers are stored for comparison and never graded.
 */
export const SubmitChallengeSchema = z.strictObject({
  settings: z.record(z.string().max(40), z.unknown()),
  claimed: z
    .strictObject({
      testAccuracy: z.number().optional(),
      trainingFlops: z.number().optional(),
      trainableParams: z.number().optional(),
      passed: z.boolean().optional(),
    })
    .optional(),
});
