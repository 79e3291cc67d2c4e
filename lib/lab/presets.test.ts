import { describe, expect, it } from "vitest";
import { LAB_PRESETS as QUIZ_PRESETS } from "@/lib/schemas/quiz";
import { layersFor } from "./architecture";
import { runCost } from "./cost";
import { isLabPresetId, LAB_PRESET_IDS, LAB_PRESET_TABLE } from "./presets";
import type { RunResult } from "./run";
import { LabSettingsSchema } from "./settings";

const run = (frozen: number | null, cached: boolean, valAccuracy: number, msPerEpoch: number): RunResult => ({
  frozen,
  cached,
  ...runCost(layersFor(5), frozen ?? 0, cached),
  msPerEpoch,
  cacheMs: 1,
  totalMs: msPerEpoch * 5,
  trainAccuracy: 1,
  valAccuracy,
  history: [],
});

describe("lab presets", () => {
  it("are the presets the quiz links to, each with valid settings", () => {
    expect([...LAB_PRESET_IDS]).toEqual([...QUIZ_PRESETS]);
    for (const id of LAB_PRESET_IDS) {
      expect(LabSettingsSchema.safeParse(LAB_PRESET_TABLE[id].settings).success).toBe(true);
      expect(isLabPresetId(id)).toBe(true);
    }
    expect(isLabPresetId("nope")).toBe(false);
  });

  it("say honestly whether a run showed the effect", () => {
    const shown = [run(null, false, 0.82, 20), run(0, false, 0.85, 20), run(1, false, 0.9, 12), run(2, false, 0.88, 8), run(3, false, 0.7, 6), run(3, true, 0.7, 3)];
    expect(LAB_PRESET_TABLE.cost.check(shown).shown).toBe(true);
    expect(LAB_PRESET_TABLE["small-data"].check(shown)).toMatchObject({ shown: true });
    expect(LAB_PRESET_TABLE["small-data"].check(shown).detail).toContain("k = 1");
    expect(LAB_PRESET_TABLE["different-task"].check(shown).shown).toBe(true);
    expect(LAB_PRESET_TABLE.cache.check(shown).shown).toBe(true);

    const notShown = [run(null, false, 0.9, 20), run(0, false, 0.8, 20), run(1, false, 0.85, 20), run(3, false, 0.79, 20), run(3, true, 0.79, 20)];
    for (const id of LAB_PRESET_IDS) expect(LAB_PRESET_TABLE[id].check(notShown).shown).toBe(false);
    expect(LAB_PRESET_TABLE.cost.check([]).shown).toBe(false);
  });
});
