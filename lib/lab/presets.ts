/**
 * One-click presets, one per claim of the official answer (LAB.md, "What the candidate learns").
 * Each is settings for a sweep plus an honest check of whether the result showed the claim;
 * the page shows `verdict.detail` next to the numbers, including when the effect did not appear.
 * Ids match LAB_PRESETS in lib/schemas/quiz.ts (quiz items link to /lab?preset=<id>).
 */
import type { RunResult } from "./run";
import { DEFAULT_LAB_SETTINGS, type LabSettings } from "./settings";

export const LAB_PRESET_IDS = ["cost", "small-data", "different-task", "cache"] as const;
export type LabPresetId = (typeof LAB_PRESET_IDS)[number];

export interface PresetVerdict {
  /** Did this run show the effect the preset is about? */
  shown: boolean;
  /** One sentence with the numbers behind the verdict. */
  detail: string;
}

export interface LabPreset {
  id: LabPresetId;
  title: string;
  /** The claim being demonstrated, in the official answer's words. */
  claim: string;
  /** Why the effect appears; shown next to the result. */
  explanation: string;
  settings: LabSettings;
  check: (runs: readonly RunResult[]) => PresetVerdict;
}

const pick = (runs: readonly RunResult[], frozen: number | null, cached = false) => runs.find((r) => r.frozen === frozen && r.cached === cached);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const missing: PresetVerdict = { shown: false, detail: "The sweep is missing a run this preset compares." };

export const LAB_PRESET_TABLE: Record<LabPresetId, LabPreset> = {
  cost: {
    id: "cost",
    title: "Freezing cuts training cost",
    claim: "Freezing layers reduces training cost.",
    explanation:
      "Frozen layers need no weight gradients and no optimizer state, and nothing below the lowest trainable layer needs an input gradient. " +
      "Measured time falls faster than FLOPs: a model this small is bound by per-step overhead, not arithmetic.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "similar", n: 2000, epochs: 5 },
    check: (runs) => {
      const k0 = pick(runs, 0);
      const k3 = pick(runs, 3);
      if (!k0 || !k3) return missing;
      const speedup = k0.msPerEpoch / k3.msPerEpoch;
      const flops = k0.trainFlopsPerSample / k3.trainFlopsPerSample;
      return {
        shown: speedup > 1.2,
        detail: `k = 3 trains ${k0.trainableParams / k3.trainableParams > 100 ? "over 100×" : `${(k0.trainableParams / k3.trainableParams).toFixed(0)}×`} fewer parameters with ${flops.toFixed(1)}× fewer FLOPs per sample; an epoch took ${ms(k3.msPerEpoch)} against ${ms(k0.msPerEpoch)} (${speedup.toFixed(1)}×).`,
      };
    },
  },
  "small-data": {
    id: "small-data",
    title: "On little data, freezing beats scratch and full fine-tuning",
    claim: "Freezing mitigates overfitting when the target dataset is small.",
    explanation:
      "With 50 examples, every trainable parameter can memorise noise. Frozen lower layers keep features learnt from thousands of similar digits, " +
      "so only a small top has to be fitted.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "similar", n: 50, epochs: 20 },
    check: (runs) => {
      const scratch = pick(runs, null);
      const k0 = pick(runs, 0);
      const frozen = [1, 2, 3].map((k) => pick(runs, k)).filter((r): r is RunResult => r !== undefined);
      if (!scratch || !k0 || frozen.length === 0) return missing;
      const best = frozen.reduce((a, b) => (b.valAccuracy > a.valAccuracy ? b : a));
      return {
        shown: best.valAccuracy > scratch.valAccuracy && best.valAccuracy > k0.valAccuracy,
        detail: `Best frozen run (k = ${best.frozen}) reached ${pct(best.valAccuracy)} test accuracy; from scratch ${pct(scratch.valAccuracy)}, fine-tuning everything ${pct(k0.valAccuracy)}.`,
      };
    },
  },
  "different-task": {
    id: "different-task",
    title: "Freezing too much hurts when the tasks differ",
    claim: "Freezing too many layers hurts when source and target tasks differ.",
    explanation:
      "The different-task base only ever saw digits 0–4; its upper layers are specialised to telling those apart. " +
      "Frozen, they cannot adapt to 5–9, and the head alone cannot make up for it.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "different", n: 100, epochs: 20 },
    check: (runs) => {
      const k0 = pick(runs, 0);
      const k3 = pick(runs, 3);
      if (!k0 || !k3) return missing;
      return {
        shown: k3.valAccuracy < k0.valAccuracy - 0.05,
        detail: `Freezing all three body layers gave ${pct(k3.valAccuracy)} test accuracy against ${pct(k0.valAccuracy)} when fine-tuning all of them.`,
      };
    },
  },
  cache: {
    id: "cache",
    title: "Caching frozen features makes each epoch cheaper still",
    claim: "Frozen layers' outputs never change, so they can be computed once (feature extraction).",
    explanation:
      "With the prefix frozen, its activations are the same every epoch. Computing them once removes the frozen forward pass from every step; " +
      "the accuracy is identical because the numbers are. The preset uses the plain-JavaScript cpu backend, where arithmetic dominates; " +
      "on wasm this small MLP's step is bound by per-op overhead and the saving is small (try it: switch the backend).",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "similar", n: 2000, epochs: 3, k: 3, cache: true, backend: "cpu" },
    check: (runs) => {
      const plain = pick(runs, 3);
      const cached = pick(runs, 3, true);
      if (!plain || !cached) return missing;
      const speedup = plain.msPerEpoch / cached.msPerEpoch;
      return {
        shown: speedup > 1.1 && Math.abs(plain.valAccuracy - cached.valAccuracy) < 0.005,
        detail: `At k = 3 a cached epoch took ${ms(cached.msPerEpoch)} against ${ms(plain.msPerEpoch)} (${speedup.toFixed(1)}×), after a one-off ${ms(cached.cacheMs)} to cache; test accuracy ${pct(cached.valAccuracy)} vs ${pct(plain.valAccuracy)}.`,
      };
    },
  },
};

export function isLabPresetId(value: string | null | undefined): value is LabPresetId {
  return (LAB_PRESET_IDS as readonly string[]).includes(value ?? "");
}
