/**
 * The lab end to end in Node on the wasm backend, with the shipped data and base models:
 * docs/LAB.md's qualitative results, cost counters, reproducibility and tensor hygiene.
 * Kept small (n ≤ 100, few epochs) so the file runs in well under a minute on 2 cores.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initNodeBackend, nodeLoader } from "@/scripts/lab/node";
import { loadBaseWeights, loadLabData } from "./index";
import type { LabData } from "./dataset";
import type { BaseWeights } from "./model";
import { datasetsFor, runOnce, runSweep, type RunPlan, type RunResult } from "./run";
import { DEFAULT_LAB_SETTINGS, type LabBase, type LabSettings } from "./settings";

let data: LabData;
const bases: Record<Exclude<LabBase, "none">, BaseWeights> = {} as never;

beforeAll(async () => {
  await initNodeBackend("wasm");
  const loader = nodeLoader();
  data = await loadLabData(loader);
  for (const name of ["disjoint", "permuted", "same-classes"] as const) bases[name] = await loadBaseWeights(loader, name);
}, 30_000);

const settings = (over: Partial<LabSettings>): LabSettings => ({ ...DEFAULT_LAB_SETTINGS, ...over });
const sweep = (s: LabSettings) => runSweep(s, { data, base: s.base === "none" ? undefined : bases[s.base] });
const plan = (frozen: number | null, cached = false): RunPlan => ({ frozen, cached, schedule: "fixed" });
const find = (runs: RunResult[], frozen: number | null, cached = false) => {
  const run = runs.find((r) => r.frozen === frozen && r.cached === cached && r.schedule === "fixed");
  if (!run) throw new Error(`no run frozen=${frozen} cached=${cached}`);
  return run;
};

describe("the freeze-layers lab (the presets' claims are checked per seed in presets.seeds.test.ts)", () => {
  it("training cost falls with k: trainable parameters and FLOPs strictly, and caching never changes accuracy", async () => {
    const runs = await sweep(settings({ base: "same-classes", n: 100, epochs: 3 }));
    expect(runs.map((r) => [r.frozen, r.cached, r.schedule])).toEqual([
      [null, false, "fixed"],
      [0, false, "fixed"],
      [1, false, "fixed"],
      [2, false, "fixed"],
      [3, false, "fixed"],
      [1, true, "fixed"],
      [2, true, "fixed"],
      [3, true, "fixed"],
      [0, false, "gradual"],
      [0, false, "lpft"],
    ]);
    for (let k = 1; k <= 3; k++) {
      expect(find(runs, k).trainableParams).toBeLessThan(find(runs, k - 1).trainableParams);
      expect(find(runs, k).trainFlopsPerSample).toBeLessThan(find(runs, k - 1).trainFlopsPerSample);
      expect(find(runs, k, true).trainFlopsPerSample).toBeLessThan(find(runs, k).trainFlopsPerSample);
    }
    // The cache is an optimisation only: trained on their own, a cached and an uncached run end with the same
    // numbers (which is why the sweep does not retrain cached runs, decision 037).
    const s = settings({ base: "same-classes", n: 100, epochs: 3 });
    for (let k = 1; k <= 3; k++) {
      const context = { data, base: bases["same-classes"] };
      const [plain, cached] = [await runOnce(s, plan(k, false), context), await runOnce(s, plan(k, true), context)];
      expect(cached.cached).toBe(true);
      expect(cached.valAccuracy).toBe(plain.valAccuracy);
      expect(cached.testAccuracy).toBe(plain.testAccuracy);
      expect(cached.history.map((h) => h.loss)).toEqual(plain.history.map((h) => h.loss));
    }
    for (const r of runs) {
      expect(r.history).toHaveLength(3);
      expect(r.msPerEpoch).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe("lab runs", () => {
  it("are reproducible: the same seed gives the same accuracies and losses", async () => {
    const s = settings({ base: "same-classes", n: 100, epochs: 4, seed: 5 });
    const context = { data, base: bases["same-classes"] };
    const a = await runOnce(s, plan(1, false), context);
    const b = await runOnce(s, plan(1, false), context);
    const strip = (r: RunResult) => r.history.map(({ ms: _ms, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const other = await runOnce({ ...s, seed: 6 }, plan(1, false), context);
    expect(strip(other)).not.toEqual(strip(a));
  }, 30_000);

  it("leak no tensors: five runs leave tf.memory().numTensors where it started", async () => {
    const start = tf.memory().numTensors;
    const plans = [plan(null, false), plan(0, false), plan(2, false), plan(3, true), plan(1, true)];
    for (const plan of plans)
      await runOnce(settings({ base: "same-classes", n: 50, epochs: 2 }), plan, { data, base: bases["same-classes"] });
    expect(tf.memory().numTensors).toBe(start);
  }, 30_000);

  it("stop when aborted, without leaking", async () => {
    const start = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runOnce(settings({ base: "same-classes", n: 500, epochs: 50 }), plan(0, false), {
      data,
      base: bases["same-classes"],
      signal: controller.signal,
      onEpoch: (_, record) => {
        if (record.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow("Training stopped");
    expect(tf.memory().numTensors).toBe(start);
  }, 30_000);
});

describe("repeated sweeps", () => {
  it("run the sweep once per seed and report each plan's mean with every seed's numbers", async () => {
    const s = settings({ base: "disjoint", n: 50, epochs: 2, repeats: 2, seed: 4 });
    const runs = await sweep(s);
    expect(runs).toHaveLength(10);
    for (const r of runs) {
      expect(r.repeats?.map((x) => x.seed)).toEqual([4, 5]);
      const tests = r.repeats?.map((x) => x.testAccuracy) ?? [];
      expect(r.testAccuracy).toBeCloseTo((tests[0]! + tests[1]!) / 2, 10);
    }
    // Seed 5 alone gives the second entry.
    const single = await sweep({ ...s, repeats: 1, seed: 5 });
    expect(single.map((r) => r.testAccuracy)).toEqual(runs.map((r) => r.repeats?.[1]?.testAccuracy));
  }, 60_000);
});

describe("the sweep's two passes (decision 037)", () => {
  it("gives the same accuracies when half its runs train elsewhere, and reports cost from its own timing pass", async () => {
    const s = settings({ base: "same-classes", n: 50, epochs: 3, seed: 7 });
    const context = { data, base: bases["same-classes"] };
    const given: RunPlan[] = [];
    const elsewhere = async (seeded: LabSettings, plans: RunPlan[]) => {
      given.push(...plans);
      const sets = datasetsFor(data, seeded);
      const out: RunResult[] = [];
      for (const p of plans) out.push(await runOnce(seeded, p, context, sets));
      return out;
    };
    const alone = await runSweep(s, context);
    const split = await runSweep(s, context, undefined, elsewhere);
    // Every other run of the accuracy pass (never a cached one: those are not retrained).
    expect(given.map((p) => [p.frozen, p.cached, p.schedule])).toEqual([
      [0, false, "fixed"],
      [2, false, "fixed"],
      [0, false, "gradual"],
    ]);
    expect(split.map((r) => r.testAccuracy)).toEqual(alone.map((r) => r.testAccuracy));
    expect(split.map((r) => r.valAccuracy)).toEqual(alone.map((r) => r.valAccuracy));
    for (const r of split) {
      expect(r.msPerEpoch).toBeGreaterThan(0);
      expect(r.totalMs).toBeCloseTo(r.cacheMs + r.msPerEpoch * s.epochs, 6);
      expect(r.cacheMs > 0).toBe(r.cached);
    }
  }, 60_000);
});
