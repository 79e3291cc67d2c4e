import { z } from "zod";
import { LabPredictionSchema } from "@/lib/lab/calibration";
import { LAB_BACKENDS, LAB_PRESET_IDS, LAB_SCHEDULES, LabSettingsSchema, MAX_FROZEN } from "@/lib/lab/shared";

/**
 * A lab run as stored for a signed-in user: the settings, the backend that actually ran, the numbers of
 * every run of the job (no per-epoch history: it would be most of the bytes and the page does not list it),
 * and the prediction with its calibration score. Sizes are capped: a sweep has at most 10 runs.
 * Rows stored before schedules and the validation split existed read as fixed k, with no test accuracy
 * (their `valAccuracy` was measured on what is now validation plus test).
 */
const count = z.number().int().min(0).max(1e9);
const ms = z.number().min(0).max(1e8);
const accuracy = z.number().min(0).max(1);

export const LabRunSummarySchema = z.object({
  frozen: z.number().int().min(0).max(MAX_FROZEN).nullable(),
  cached: z.boolean(),
  schedule: z.enum(LAB_SCHEDULES).default("fixed"),
  trainableParams: count,
  frozenParams: count,
  trainFlopsPerSample: count,
  msPerEpoch: ms,
  totalMs: ms,
  trainAccuracy: accuracy,
  valAccuracy: accuracy,
  testAccuracy: accuracy.nullable().default(null),
});
export type LabRunSummary = z.output<typeof LabRunSummarySchema>;

export const MAX_RUNS_PER_JOB = 16;

export const LabRunInputSchema = z.object({
  settings: LabSettingsSchema,
  preset: z.enum(LAB_PRESET_IDS).nullable(),
  /** The backend tfjs actually used (may differ from settings.backend after a fallback). */
  backend: z.enum(LAB_BACKENDS),
  results: z.array(LabRunSummarySchema).min(1).max(MAX_RUNS_PER_JOB),
  prediction: LabPredictionSchema.nullable(),
  /** 0…100, only with a prediction. */
  calibration: z.number().min(0).max(100).nullable(),
});
export type LabRunInput = z.infer<typeof LabRunInputSchema>;

/** Keeps only the stored fields of a run (drops the per-epoch history and anything else). */
export function summariseRun(run: Omit<LabRunSummary, "testAccuracy"> & { testAccuracy: number | null }): LabRunSummary {
  const { frozen, cached, schedule, trainableParams, frozenParams, trainFlopsPerSample, msPerEpoch, totalMs, trainAccuracy, valAccuracy } =
    run;
  const testAccuracy = Number.isFinite(run.testAccuracy) ? run.testAccuracy : null;
  return {
    frozen,
    cached,
    schedule,
    trainableParams,
    frozenParams,
    trainFlopsPerSample,
    msPerEpoch,
    totalMs,
    trainAccuracy,
    valAccuracy,
    testAccuracy,
  };
}
