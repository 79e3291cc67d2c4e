/**
 * "Predict, then run": what a candidate predicts before a preset's sweep, and how well it matched.
 *
 * Calibration score (0…100) = 100 × mean of three parts, each 0…1:
 * - speed-up: 1 − |log₂(predicted / measured)| / 2, floored at 0 — exact = 1, off by 2× = 0.5, off by 4× or more = 0
 *   (a ratio is judged on a log scale: guessing 2× for 4× is as wrong as guessing 8×);
 * - best run: 1 if the predicted run (scratch or fixed k = 0…3) has the best test accuracy, else 0;
 * - accuracy: 1 − |predicted − measured| / 0.2, floored at 0 — off by 10 points = 0.5, by 20 or more = 0.
 * Pure and tfjs-free (the page scores on its main thread).
 */
import { z } from "zod";
import { MAX_FROZEN } from "./architecture";
import type { RunResult } from "./run";

export const LabPredictionSchema = z.object({
  /** How many times faster an epoch at k = 3 is than at k = 0 (ms at k = 0 / ms at k = 3). */
  speedupK3: z.number().min(0.01).max(100),
  /** The run with the best test accuracy: null = from scratch, 0…3 = k frozen layers. */
  bestFrozen: z.number().int().min(0).max(MAX_FROZEN).nullable(),
  /** That run's test accuracy, 0…1. */
  bestAccuracy: z.number().min(0).max(1),
});
export type LabPrediction = z.infer<typeof LabPredictionSchema>;

export interface PredictionScore {
  actual: LabPrediction;
  parts: { speedup: number; best: number; accuracy: number };
  /** 0…100. */
  calibration: number;
}

/** The measured counterpart of a prediction; null when the sweep lacks k = 0 or k = 3. */
export function actualOutcome(runs: readonly RunResult[]): LabPrediction | null {
  const plain = runs.filter((r) => !r.cached && r.schedule === "fixed");
  const k0 = plain.find((r) => r.frozen === 0);
  const k3 = plain.find((r) => r.frozen === MAX_FROZEN);
  if (!k0 || !k3 || plain.length === 0) return null;
  const best = plain.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
  return { speedupK3: k0.msPerEpoch / k3.msPerEpoch, bestFrozen: best.frozen, bestAccuracy: best.testAccuracy };
}

export function scorePrediction(prediction: LabPrediction, runs: readonly RunResult[]): PredictionScore | null {
  const actual = actualOutcome(runs);
  if (!actual) return null;
  const parts = {
    speedup: Math.max(0, 1 - Math.abs(Math.log2(prediction.speedupK3 / actual.speedupK3)) / 2),
    best: prediction.bestFrozen === actual.bestFrozen ? 1 : 0,
    accuracy: Math.max(0, 1 - Math.abs(prediction.bestAccuracy - actual.bestAccuracy) / 0.2),
  };
  return { actual, parts, calibration: Math.round(((parts.speedup + parts.best + parts.accuracy) / 3) * 1000) / 10 };
}
