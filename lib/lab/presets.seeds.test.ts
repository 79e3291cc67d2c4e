/**
 * Every preset's claim on every seed 1–20, not on average (issue 13): each preset's own settings and base,
 * headless in Node, only the runs its check compares. A claim that failed on a seed had its settings, base
 * or wording changed until it held (docs/decisions/027 has what was measured). The two timed presets
 * compare wall-clock ratios measured in the same process one after the other; their thresholds (1.2× and
 * 1.1×) sit far below what they measure on this machine under load (3–5×), so load does not decide them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initNodeBackend, nodeLoader } from "@/scripts/lab/node";
import type { LabData } from "./dataset";
import { loadBaseWeights, loadLabData } from "./index";
import type { BaseWeights } from "./model";
import { LAB_PRESET_IDS, LAB_PRESET_TABLE } from "./presets";
import { datasetsFor, runOnce, warmUp, type RunResult } from "./run";

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
let data: LabData;
const bases = new Map<string, BaseWeights>();

beforeAll(async () => {
  const loader = nodeLoader();
  data = await loadLabData(loader);
  for (const name of ["disjoint", "permuted", "same-classes"]) bases.set(name, await loadBaseWeights(loader, name));
}, 30_000);

describe("every preset's claim holds on every seed 1–20", () => {
  it.each(LAB_PRESET_IDS.map((id) => [id]))(
    "%s",
    async (id) => {
      const preset = LAB_PRESET_TABLE[id];
      await initNodeBackend(preset.settings.backend === "cpu" ? "cpu" : "wasm");
      const base = bases.get(preset.settings.base);
      const failures: string[] = [];
      for (const seed of SEEDS) {
        const settings = { ...preset.settings, seed };
        const sets = datasetsFor(data, settings);
        if (preset.timed && seed === SEEDS[0]) await warmUp(settings, { data }, sets);
        const runs: RunResult[] = [];
        for (const plan of preset.needs) runs.push(await runOnce(settings, plan, { data, base }, sets));
        const verdict = preset.check(runs);
        if (!verdict.shown) failures.push(`seed ${seed}: ${verdict.detail}`);
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );
});
