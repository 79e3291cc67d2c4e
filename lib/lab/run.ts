/**
 * One lab run and the freeze sweep: same data, same seed, same head initialisation for every point,
 * so the only thing that changes between runs is how many layers are frozen (and whether they are cached).
 */
import * as tf from "@tensorflow/tfjs";
import { layersFor, MAX_FROZEN } from "./architecture";
import { runCost, type RunCost } from "./cost";
import { targetTestSet, targetTrainSet, TARGET_CLASSES, type LabData, type LabelledSet } from "./dataset";
import { createNet, disposeNet, loadBody, type BaseWeights } from "./model";
import { deriveSeed } from "./random";
import type { LabSettings } from "./settings";
import { LabAbortError, trainNet, type EpochRecord } from "./train";

/** Which point of the sweep a run is. */
export interface RunPlan {
  /** Frozen body layers, or null for training from scratch (random init, nothing frozen). */
  frozen: number | null;
  cached: boolean;
}

export interface RunResult extends RunCost {
  frozen: number | null;
  cached: boolean;
  /** Mean ms per epoch of training steps (evaluation and the one-off cache excluded). */
  msPerEpoch: number;
  /** ms to compute the cached activations once (0 without a cache). */
  cacheMs: number;
  /** Total training ms: cache plus every epoch. */
  totalMs: number;
  trainAccuracy: number;
  valAccuracy: number;
  history: EpochRecord[];
}

/** Everything a run needs besides its settings; load once, reuse for every run. */
export interface RunContext {
  data: LabData;
  /** The base the settings name; omit for base "none". */
  base?: BaseWeights;
  signal?: AbortSignal;
  onEpoch?: (plan: RunPlan, record: EpochRecord) => void;
  onBatch?: () => void | Promise<void>;
}

/** The training and test sets for the settings (seeded subset of the pool; fixed test set). */
export function datasetsFor(data: LabData, settings: Pick<LabSettings, "n" | "seed">): { train: LabelledSet; test: LabelledSet } {
  return { train: targetTrainSet(data, settings.n, deriveSeed(settings.seed, "subset")), test: targetTestSet(data) };
}

/** Trains one point. `sets` lets a sweep build the data once. */
export async function runOnce(
  settings: LabSettings,
  plan: RunPlan,
  context: RunContext,
  sets = datasetsFor(context.data, settings),
): Promise<RunResult> {
  const specs = layersFor(TARGET_CLASSES);
  const net = createNet(specs, deriveSeed(settings.seed, "init"));
  const frozen = plan.frozen ?? 0;
  try {
    if (plan.frozen !== null && settings.base !== "none") {
      if (!context.base) throw new Error(`Base "${settings.base}" was not loaded`);
      if (context.base.name !== settings.base) throw new Error(`Settings ask for base "${settings.base}" but "${context.base.name}" was loaded`);
      loadBody(net, context.base);
    }
    const { history, cacheMs } = await trainNet(net, sets.train, sets.test, {
      frozen,
      cached: plan.cached,
      epochs: settings.epochs,
      batchSize: settings.batch,
      learningRate: settings.lr,
      seed: deriveSeed(settings.seed, "shuffle"),
      signal: context.signal,
      onBatch: context.onBatch,
      onEpoch: context.onEpoch && ((record) => context.onEpoch?.(plan, record)),
    });
    const last = history[history.length - 1];
    const trainMs = history.reduce((t, r) => t + r.ms, 0);
    return {
      frozen: plan.frozen,
      cached: plan.cached && frozen > 0,
      ...runCost(specs, frozen, plan.cached),
      msPerEpoch: history.length ? trainMs / history.length : 0,
      cacheMs,
      totalMs: cacheMs + trainMs,
      trainAccuracy: last?.acc ?? NaN,
      valAccuracy: last?.valAcc ?? NaN,
      history,
    };
  } finally {
    disposeNet(net);
  }
}

/**
 * The sweep's points: scratch, then k = 0…L frozen, then k = 1…L frozen and cached.
 * With base "none" the frozen layers keep their random initialisation (k = 0 would repeat scratch).
 */
export function sweepPlan(base: LabSettings["base"]): RunPlan[] {
  const plans: RunPlan[] = [{ frozen: null, cached: false }];
  for (let k = base === "none" ? 1 : 0; k <= MAX_FROZEN; k++) plans.push({ frozen: k, cached: false });
  for (let k = 1; k <= MAX_FROZEN; k++) plans.push({ frozen: k, cached: true });
  return plans;
}

/** The run the settings describe on their own (the page's single "Train" button). */
export function planFor(settings: LabSettings): RunPlan {
  return settings.base === "none" && settings.k === 0 ? { frozen: null, cached: false } : { frozen: settings.k, cached: settings.cache };
}

export interface SweepProgress {
  /** Runs finished so far and in total. */
  done: number;
  total: number;
  plan: RunPlan;
  /** Set when a run finishes. */
  result?: RunResult;
  /** Set after every epoch. */
  epoch?: EpochRecord;
}

/** Trains every point of {@link sweepPlan} with the same data and seed. */
export async function runSweep(
  settings: LabSettings,
  context: RunContext,
  onProgress?: (progress: SweepProgress) => void,
): Promise<RunResult[]> {
  const plans = sweepPlan(settings.base);
  const sets = datasetsFor(context.data, settings);
  await warmUp(settings, context, sets);
  const results: RunResult[] = [];
  for (const plan of plans) {
    const result = await runOnce(
      settings,
      plan,
      {
        ...context,
        onEpoch: (p, epoch) => {
          context.onEpoch?.(p, epoch);
          onProgress?.({ done: results.length, total: plans.length, plan: p, epoch });
        },
      },
      sets,
    );
    results.push(result);
    onProgress?.({ done: results.length, total: plans.length, plan, result });
  }
  return results;
}

/**
 * An untimed run first: the backend's first steps pay one-off costs (kernel setup, memory growth,
 * the JavaScript JIT warming up over the first few hundred ms) that would otherwise be charged to
 * whichever run comes first. Stops after `budgetMs` or 10 epochs of the full training set.
 */
export async function warmUp(
  settings: LabSettings,
  context: Pick<RunContext, "data" | "signal">,
  sets = datasetsFor(context.data, settings),
  budgetMs = 400,
): Promise<void> {
  const stop = new AbortController();
  const outer = context.signal;
  const start = performance.now();
  const onOuterAbort = () => stop.abort();
  outer?.addEventListener("abort", onOuterAbort);
  try {
    await runOnce({ ...settings, base: "none", epochs: 10 }, { frozen: null, cached: false }, {
      data: context.data,
      signal: stop.signal,
      onEpoch: () => {
        if (performance.now() - start > budgetMs) stop.abort();
      },
    }, sets);
  } catch (error) {
    if (!(error instanceof LabAbortError) || outer?.aborted) throw error;
  } finally {
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/** Live tensors, for leak checks: should return to its value before a run. */
export const liveTensors = () => tf.memory().numTensors;
