import { describe, expect, it } from "vitest";
import { actualOutcome, scorePrediction } from "./calibration";
import type { RunResult } from "./run";

const run = (frozen: number | null, msPerEpoch: number, testAccuracy: number, cached = false, schedule = "fixed") =>
  ({ frozen, cached, schedule, msPerEpoch, testAccuracy, valAccuracy: 0.5 }) as RunResult;
// The schedule run is best but is not one of the runs a prediction names (scratch, fixed k = 0…3).
const runs = [
  run(null, 40, 0.8),
  run(0, 40, 0.85),
  run(1, 30, 0.9),
  run(2, 20, 0.88),
  run(3, 10, 0.75),
  run(3, 8, 0.75, true),
  run(0, 30, 0.95, false, "gradual"),
];

describe("prediction calibration", () => {
  it("reads the measured outcome from the plain (uncached, fixed-k) runs, on test accuracy", () => {
    expect(actualOutcome(runs)).toEqual({ speedupK3: 4, bestFrozen: 1, bestAccuracy: 0.9 });
  });

  it("scores an exact prediction 100 and a wrong one by the documented formula", () => {
    expect(scorePrediction({ speedupK3: 4, bestFrozen: 1, bestAccuracy: 0.9 }, runs)?.calibration).toBe(100);
    // speed-up off by 2× → 0.5; wrong run → 0; accuracy off by 10 points → 0.5: mean 1/3.
    const score = scorePrediction({ speedupK3: 2, bestFrozen: null, bestAccuracy: 0.8 }, runs);
    expect(score?.parts).toEqual({ speedup: 0.5, best: 0, accuracy: expect.closeTo(0.5, 6) });
    expect(score?.calibration).toBe(33.3);
  });

  it("cannot score a sweep without k = 0 and k = 3", () => {
    expect(scorePrediction({ speedupK3: 2, bestFrozen: 0, bestAccuracy: 0.5 }, [run(0, 10, 0.5)])).toBeNull();
  });
});
