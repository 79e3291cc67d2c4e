/**
 * The lab end to end in Node on the wasm backend, with the shipped data and base models:
 * LAB.md's qualitative results, cost counters, reproducibility and tensor hygiene.
 * Kept small (n ≤ 100, few epochs) so the file runs in well under a minute on 2 cores.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initNodeBackend, nodeLoader } from "@/scripts/lab/node";
import { loadBaseWeights, loadLabData } from "./index";
import type { LabData } from "./dataset";
import type { BaseWeights } from "./model";
import { runOnce, runSweep, type RunResult } from "./run";
import { DEFAULT_LAB_SETTINGS, type LabSettings } from "./settings";

let data: LabData;
const bases: Record<"similar" | "different", BaseWeights> = {} as never;

beforeAll(async () => {
  await initNodeBackend("wasm");
  const loader = nodeLoader();
  data = await loadLabData(loader);
  bases.similar = await loadBaseWeights(loader, "similar");
  bases.different = await loadBaseWeights(loader, "different");
}, 30_000);

const settings = (over: Partial<LabSettings>): LabSettings => ({ ...DEFAULT_LAB_SETTINGS, ...over });
const sweep = (s: LabSettings) => runSweep(s, { data, base: s.base === "none" ? undefined : bases[s.base] });
const find = (runs: RunResult[], frozen: number | null, cached = false) => {
  const run = runs.find((r) => r.frozen === frozen && r.cached === cached);
  if (!run) throw new Error(`no run frozen=${frozen} cached=${cached}`);
  return run;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEEDS = [1, 2, 3];

describe("the freeze-layers lab reproduces LAB.md's qualitative results", () => {
  it("similar-task base, n = 50: the best frozen run beats training from scratch and fine-tuning everything (mean of 3 subsets)", async () => {
    const sweeps: RunResult[][] = [];
    for (const seed of SEEDS) sweeps.push(await sweep(settings({ base: "similar", n: 50, epochs: 15, seed })));
    const scratch = mean(sweeps.map((runs) => find(runs, null).valAccuracy));
    const bestFrozen = Math.max(...[1, 2, 3].map((k) => mean(sweeps.map((runs) => find(runs, k).valAccuracy))));
    const fineTuneAll = mean(sweeps.map((runs) => find(runs, 0).valAccuracy));
    expect(bestFrozen).toBeGreaterThan(scratch + 0.01);
    expect(bestFrozen).toBeGreaterThan(fineTuneAll);
  }, 60_000);

  it("different-task base, n = 100: freezing every body layer is clearly worse than fine-tuning all (mean of 3 subsets)", async () => {
    const k0: number[] = [];
    const k3: number[] = [];
    for (const seed of SEEDS) {
      const s = settings({ base: "different", n: 100, epochs: 15, seed });
      const context = { data, base: bases.different };
      k0.push((await runOnce(s, { frozen: 0, cached: false }, context)).valAccuracy);
      k3.push((await runOnce(s, { frozen: 3, cached: false }, context)).valAccuracy);
    }
    expect(mean(k3)).toBeLessThan(mean(k0) - 0.1);
  }, 60_000);

  it("training cost falls with k: trainable parameters and FLOPs strictly, and caching never changes accuracy", async () => {
    const runs = await sweep(settings({ base: "similar", n: 100, epochs: 3 }));
    expect(runs.map((r) => [r.frozen, r.cached])).toEqual([
      [null, false], [0, false], [1, false], [2, false], [3, false], [1, true], [2, true], [3, true],
    ]);
    for (let k = 1; k <= 3; k++) {
      expect(find(runs, k).trainableParams).toBeLessThan(find(runs, k - 1).trainableParams);
      expect(find(runs, k).trainFlopsPerSample).toBeLessThan(find(runs, k - 1).trainFlopsPerSample);
      expect(find(runs, k, true).trainFlopsPerSample).toBeLessThan(find(runs, k).trainFlopsPerSample);
      // The cache is an optimisation only: identical numbers, so the same accuracy.
      expect(find(runs, k, true).valAccuracy).toBeCloseTo(find(runs, k).valAccuracy, 2);
    }
    for (const r of runs) {
      expect(r.history).toHaveLength(3);
      expect(r.msPerEpoch).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe("lab runs", () => {
  it("are reproducible: the same seed gives the same accuracies and losses", async () => {
    const s = settings({ base: "similar", n: 100, epochs: 4, seed: 5 });
    const context = { data, base: bases.similar };
    const a = await runOnce(s, { frozen: 1, cached: false }, context);
    const b = await runOnce(s, { frozen: 1, cached: false }, context);
    const strip = (r: RunResult) => r.history.map(({ ms: _ms, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const other = await runOnce({ ...s, seed: 6 }, { frozen: 1, cached: false }, context);
    expect(strip(other)).not.toEqual(strip(a));
  }, 30_000);

  it("leak no tensors: five runs leave tf.memory().numTensors where it started", async () => {
    const start = tf.memory().numTensors;
    const plans = [{ frozen: null, cached: false }, { frozen: 0, cached: false }, { frozen: 2, cached: false }, { frozen: 3, cached: true }, { frozen: 1, cached: true }];
    for (const plan of plans) await runOnce(settings({ base: "similar", n: 50, epochs: 2 }), plan, { data, base: bases.similar });
    expect(tf.memory().numTensors).toBe(start);
  }, 30_000);

  it("stop when aborted, without leaking", async () => {
    const start = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runOnce(settings({ base: "similar", n: 500, epochs: 50 }), { frozen: 0, cached: false }, {
      data,
      base: bases.similar,
      signal: controller.signal,
      onEpoch: (_, record) => {
        if (record.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow("Training stopped");
    expect(tf.memory().numTensors).toBe(start);
  }, 30_000);
});
