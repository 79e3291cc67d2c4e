/**
 * One-click presets, one per claim of the official answer (content/questions/layer-freezing.md) plus its
 * "in practice" paragraph and its caveat about relevance (negative transfer). Each is settings for a sweep,
 * the base it uses and why, and an honest check of whether the result showed the claim; the page shows
 * `verdict.detail` next to the numbers, including when the effect did not appear.
 *
 * Every accuracy comparison is on the test set; where a preset picks "the best frozen run", it picks on the
 * validation set. `presets.seeds.test.ts` runs every check on seeds 1–20; what each held is in
 * docs/decisions/027. Ids match LAB_PRESETS in lib/schemas/quiz.ts (quiz items link to /lab?preset=<id>).
 */
import type { RunPlan, RunResult } from "./run";
import { isRun } from "./schedule";
import { DEFAULT_LAB_SETTINGS, type LabSettings } from "./settings";

export const LAB_PRESET_IDS = ["cost", "small-data", "different-task", "negative-transfer", "in-practice", "cache"] as const;
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
  /** Which base the preset uses and why (shown with the claim). */
  baseWhy: string;
  /** Why the effect appears (or where it stops); shown next to the result. */
  explanation: string;
  settings: LabSettings;
  /** The runs `check` compares (the page runs the whole sweep; the seed test runs only these). */
  needs: RunPlan[];
  /** Measures a wall-clock ratio (so it can vary with machine load, not only with the seed). */
  timed: boolean;
  check: (runs: readonly RunResult[]) => PresetVerdict;
}

const fixed = (frozen: number | null, cached = false): RunPlan => ({ frozen, cached, schedule: "fixed" });
const GRADUAL: RunPlan = { frozen: 0, cached: false, schedule: "gradual" };
const LPFT: RunPlan = { frozen: 0, cached: false, schedule: "lpft" };
const pick = (runs: readonly RunResult[], plan: RunPlan) => runs.find((r) => isRun(r, plan));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${(x * 100).toFixed(1)} points`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const missing: PresetVerdict = { shown: false, detail: "The sweep is missing a run this preset compares." };

/** The frozen run (k = 1…3) with the best validation accuracy: chosen on validation, reported on test. */
function bestFrozen(runs: readonly RunResult[]): RunResult | undefined {
  return [1, 2, 3]
    .map((k) => pick(runs, fixed(k)))
    .filter((r): r is RunResult => r !== undefined)
    .reduce<RunResult | undefined>((a, b) => (!a || b.valAccuracy > a.valAccuracy ? b : a), undefined);
}

const SAME_CLASSES_WHY =
  "Base: same classes, more data — it was trained on digits 0–4 and on 1,369 labelled images of 5–9, the target classes " +
  "(never the target pool, validation or test digits). That is like a model pretrained on data that already contains your classes, " +
  "not transfer from a related task.";
const DISJOINT_WHY = "Base: disjoint classes — trained on digits 0–4 only; the target task (5–9) is one it never saw.";

export const LAB_PRESET_TABLE: Record<LabPresetId, LabPreset> = {
  cost: {
    id: "cost",
    title: "Freezing cuts training cost",
    claim: "Freezing layers reduces training cost.",
    baseWhy: `${DISJOINT_WHY} The cost of a step does not depend on what the weights are, so any base shows it.`,
    explanation:
      "Frozen layers need no weight gradients and no optimizer state, and nothing below the lowest trainable layer needs an input gradient. " +
      "Measured time falls faster than FLOPs: a model this small is bound by per-step overhead, not arithmetic.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "disjoint", n: 2000, epochs: 5 },
    needs: [fixed(0), fixed(3)],
    timed: true,
    check: (runs) => {
      const k0 = pick(runs, fixed(0));
      const k3 = pick(runs, fixed(3));
      if (!k0 || !k3) return missing;
      const speedup = k0.msPerEpoch / k3.msPerEpoch;
      const flops = k0.trainFlopsPerSample / k3.trainFlopsPerSample;
      const params = k0.trainableParams / k3.trainableParams;
      return {
        shown: speedup > 1.2 && flops > 1,
        detail: `k = 3 trains ${params > 100 ? "over 100×" : `${params.toFixed(0)}×`} fewer parameters with ${flops.toFixed(1)}× fewer FLOPs per sample; an epoch took ${ms(k3.msPerEpoch)} against ${ms(k0.msPerEpoch)} (${speedup.toFixed(1)}×).`,
      };
    },
  },
  "small-data": {
    id: "small-data",
    title: "On little data, freezing beats scratch and full fine-tuning — with a base that fits",
    claim: "Freezing mitigates overfitting when the target dataset is small.",
    baseWhy:
      `${SAME_CLASSES_WHY} With the disjoint base the claim does not hold here: at n = 50 training from scratch beats every ` +
      "frozen run (try it: switch the base).",
    explanation:
      "With 50 examples and one learning rate for every layer, fine-tuning everything moves the pretrained weights as fast as the new head " +
      "and fits noise; frozen lower layers keep what the base learnt, so only a small top is fitted. The best k is chosen on the validation set. " +
      "Part of the gap to k = 0 is the learning rate, not freezing: see the “in practice” preset.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "same-classes", n: 50, epochs: 20 },
    needs: [fixed(null), fixed(0), fixed(1), fixed(2), fixed(3)],
    timed: false,
    check: (runs) => {
      const scratch = pick(runs, fixed(null));
      const k0 = pick(runs, fixed(0));
      const best = bestFrozen(runs);
      if (!scratch || !k0 || !best) return missing;
      return {
        shown: best.testAccuracy > scratch.testAccuracy && best.testAccuracy > k0.testAccuracy,
        detail: `The best frozen run on validation (k = ${best.frozen}) reached ${pct(best.testAccuracy)} test accuracy; from scratch ${pct(scratch.testAccuracy)}, fine-tuning everything at the same rate ${pct(k0.testAccuracy)}.`,
      };
    },
  },
  "different-task": {
    id: "different-task",
    title: "Freezing too much hurts when the tasks differ",
    claim: "Freezing too many layers hurts when source and target tasks differ.",
    baseWhy: `${DISJOINT_WHY} Its upper layers are specialised to telling 0–4 apart.`,
    explanation:
      "Frozen, the upper layers cannot adapt to 5–9, and the head alone cannot make up for it; the lower layers' features (strokes, blobs) " +
      "transfer better, so freezing only the first layer costs much less. Note that even fine-tuned, this base only draws level with training from scratch.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "disjoint", n: 100, epochs: 20 },
    needs: [fixed(null), fixed(0), fixed(1), fixed(3)],
    timed: false,
    check: (runs) => {
      const scratch = pick(runs, fixed(null));
      const k0 = pick(runs, fixed(0));
      const k1 = pick(runs, fixed(1));
      const k3 = pick(runs, fixed(3));
      if (!scratch || !k0 || !k1 || !k3) return missing;
      return {
        shown: k3.testAccuracy < k0.testAccuracy - 0.05 && k3.testAccuracy < k1.testAccuracy - 0.05,
        detail: `Freezing all three body layers gave ${pct(k3.testAccuracy)} test accuracy, freezing one ${pct(k1.testAccuracy)}, fine-tuning all ${pct(k0.testAccuracy)} (from scratch ${pct(scratch.testAccuracy)}).`,
      };
    },
  },
  "negative-transfer": {
    id: "negative-transfer",
    title: "An irrelevant base can be worse than none",
    claim:
      "The pretrained model must be relevant to the new task: a base from a different input distribution can hurt (negative transfer).",
    baseWhy:
      "Base: different input distribution — trained on digits 0–4 whose pixels were shuffled by one fixed permutation. The target digits are not " +
      "permuted, so its first layer looks for strokes in the wrong places.",
    explanation:
      "Even fine-tuning every layer (k = 0), starting from this base ends below starting from random weights: the optimizer first has to undo " +
      "what the base learnt. Freezing it makes things far worse. Relevance, not pretraining as such, is what helps. " +
      "The loss shrinks as data grows: at n = 50 it showed on every seed 1–20, at n = 100 on 18 of 20 (try it).",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "permuted", n: 50, epochs: 20 },
    needs: [fixed(null), fixed(0), fixed(3)],
    timed: false,
    check: (runs) => {
      const scratch = pick(runs, fixed(null));
      const k0 = pick(runs, fixed(0));
      const k3 = pick(runs, fixed(3));
      if (!scratch || !k0 || !k3) return missing;
      return {
        shown: k0.testAccuracy < scratch.testAccuracy,
        detail: `Fine-tuning everything from the permuted base reached ${pct(k0.testAccuracy)} test accuracy against ${pct(scratch.testAccuracy)} from scratch (${pts(scratch.testAccuracy - k0.testAccuracy)} lost); with every body layer frozen ${pct(k3.testAccuracy)}.`,
      };
    },
  },
  "in-practice": {
    id: "in-practice",
    title: "In practice: unfreeze gradually, or lower the pretrained layers' learning rate",
    claim:
      "Start with freezing the initial few layers, then gradually fine-tune the model by selectively unfreezing layers or adjusting the learning rate.",
    baseWhy: `${SAME_CLASSES_WHY} It is the base where freezing wins at one learning rate (the small-data preset), so it shows what closes that gap.`,
    explanation:
      "Here the pretrained layers learn at 0.001 and the head at 0.01 (discriminative rates). Gradual unfreezing trains the head alone for 5 epochs, " +
      "then unfreezes one more layer from the top every 5 epochs. With the lower body rate, fine-tuning everything (k = 0) and gradual unfreezing both " +
      "end level with the best fixed freeze: much of “freezing beats fine-tuning” was one learning rate for every layer. LP-FT (head only, then " +
      "everything at 0.001) is in the sweep too; here it trails, because after its head-only phase the head also slows to 0.001.",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "same-classes", n: 100, epochs: 20, bodyLr: 0.001, schedule: "gradual", every: 5 },
    needs: [fixed(0), fixed(1), fixed(2), fixed(3), GRADUAL, LPFT],
    timed: false,
    check: (runs) => {
      const k0 = pick(runs, fixed(0));
      const gradual = pick(runs, GRADUAL);
      const lpft = pick(runs, LPFT);
      const best = bestFrozen(runs);
      if (!k0 || !gradual || !lpft || !best) return missing;
      const tolerance = 0.025;
      return {
        shown: k0.testAccuracy >= best.testAccuracy - tolerance && gradual.testAccuracy >= best.testAccuracy - tolerance,
        detail: `With the pretrained layers at a 10× lower rate, fine-tuning everything reached ${pct(k0.testAccuracy)} and gradual unfreezing ${pct(gradual.testAccuracy)} test accuracy against ${pct(best.testAccuracy)} for the best fixed freeze on validation (k = ${best.frozen}); level means within ${pts(tolerance)}. LP-FT: ${pct(lpft.testAccuracy)}.`,
      };
    },
  },
  cache: {
    id: "cache",
    title: "Caching frozen features makes each epoch cheaper still",
    claim: "Frozen layers' outputs never change, so they can be computed once (feature extraction).",
    baseWhy: `${DISJOINT_WHY} What the weights are does not change the cost, and the cached run must match the uncached one exactly.`,
    explanation:
      "With the prefix frozen, its activations are the same every epoch. Computing them once removes the frozen forward pass from every step; " +
      "the accuracy is identical because the numbers are. The preset uses the plain-JavaScript cpu backend, where arithmetic dominates; " +
      "on wasm this small MLP's step is bound by per-op overhead and the saving is small (try it: switch the backend).",
    settings: { ...DEFAULT_LAB_SETTINGS, base: "disjoint", n: 2000, epochs: 3, k: 3, cache: true, backend: "cpu" },
    needs: [fixed(3), fixed(3, true)],
    timed: true,
    check: (runs) => {
      const plain = pick(runs, fixed(3));
      const cached = pick(runs, fixed(3, true));
      if (!plain || !cached) return missing;
      const speedup = plain.msPerEpoch / cached.msPerEpoch;
      return {
        shown: speedup > 1.1 && Math.abs(plain.testAccuracy - cached.testAccuracy) < 0.005,
        detail: `At k = 3 a cached epoch took ${ms(cached.msPerEpoch)} against ${ms(plain.msPerEpoch)} (${speedup.toFixed(1)}×), after a one-off ${ms(cached.cacheMs)} to cache; test accuracy ${pct(cached.testAccuracy)} vs ${pct(plain.testAccuracy)}.`,
      };
    },
  },
};

export function isLabPresetId(value: string | null | undefined): value is LabPresetId {
  return (LAB_PRESET_IDS as readonly string[]).includes(value ?? "");
}
