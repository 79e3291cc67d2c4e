import { describe, expect, it } from "vitest";
import { LAB_PRESETS as QUIZ_PRESETS } from "@/lib/schemas/quiz";
import { layersFor } from "./architecture";
import { runCost } from "./cost";
import { isLabPresetId, LAB_PRESET_IDS, LAB_PRESET_TABLE } from "./presets";
import type { RunResult } from "./run";
import { LabSettingsSchema, type LabSchedule } from "./settings";

/** A made-up run: validation and test accuracy given separately, so selection on validation is visible. */
const run = (
  frozen: number | null,
  cached: boolean,
  val: number,
  msPerEpoch: number,
  test = val,
  schedule: LabSchedule = "fixed",
): RunResult => ({
  frozen,
  cached,
  schedule,
  ...runCost(layersFor(5), frozen ?? 0, cached),
  msPerEpoch,
  cacheMs: 1,
  totalMs: msPerEpoch * 5,
  trainAccuracy: 1,
  valAccuracy: val,
  testAccuracy: test,
  history: [],
});

describe("lab presets", () => {
  it("are the presets the quiz links to, each with valid settings and a base that is stated", () => {
    expect([...LAB_PRESET_IDS]).toEqual([...QUIZ_PRESETS]);
    for (const id of LAB_PRESET_IDS) {
      const preset = LAB_PRESET_TABLE[id];
      expect(LabSettingsSchema.safeParse(preset.settings).success).toBe(true);
      expect(preset.baseWhy).toMatch(/^Base: /);
      expect(isLabPresetId(id)).toBe(true);
    }
    expect(isLabPresetId("nope")).toBe(false);
  });

  it("say honestly whether a run showed the effect", () => {
    const shown = [
      run(null, false, 0.82, 20),
      run(0, false, 0.8, 20, 0.79),
      run(1, false, 0.9, 12, 0.88),
      run(2, false, 0.88, 8, 0.9),
      run(3, false, 0.7, 6),
      run(3, true, 0.7, 3),
      run(0, false, 0.88, 15, 0.87, "gradual"),
      run(0, false, 0.86, 15, 0.85, "lpft"),
    ];
    for (const id of ["cost", "small-data", "different-task", "negative-transfer", "cache"] as const) {
      expect(LAB_PRESET_TABLE[id].check(shown).shown, id).toBe(true);
    }
    // The best frozen run is chosen on validation (k = 1), not on test (k = 2 would be).
    expect(LAB_PRESET_TABLE["small-data"].check(shown).detail).toContain("(k = 1)");
    // k = 0 at .79 is more than 2.5 points below the best frozen run's .88: not level.
    expect(LAB_PRESET_TABLE["in-practice"].check(shown).shown).toBe(false);
    const level = shown.map((r) => (r.frozen === 0 && r.schedule === "fixed" ? run(0, false, 0.87, 20, 0.87) : r));
    expect(LAB_PRESET_TABLE["in-practice"].check(level).shown).toBe(true);

    const notShown = [
      run(null, false, 0.7, 20),
      run(0, false, 0.8, 20),
      run(1, false, 0.75, 20),
      run(3, false, 0.79, 20),
      run(3, true, 0.7, 20),
    ];
    for (const id of LAB_PRESET_IDS) expect(LAB_PRESET_TABLE[id].check(notShown).shown, id).toBe(false);
    expect(LAB_PRESET_TABLE.cost.check([]).shown).toBe(false);
  });
});
