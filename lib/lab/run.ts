/**
 * One lab run and the freeze sweep: same data, same seed, same head initialisation for every point,
 * so the only thing that changes between runs is how many layers are frozen (and whether they are cached).
 */
import * as tf from "@tensorflow/tfjs";
import { layersFor, MAX_FROZEN } from "./architecture";
import { runCost, type RunCost } from "./cost";
import { targetTestSet, targetTrainSet, targetValSet, TARGET_CLASSES, type LabData, type LabelledSet } from "./dataset";
import { createNet, disposeNet, loadBody, type BaseWeights } from "./model";
import { deriveSeed } from "./random";
import { schedulePlan } from "./schedule";
export { isRun, planFor } from "./schedule";
import type { LabSchedule, LabSettings } from "./settings";
import { LabAbortError, trainNet, type EpochRecord } from "./train";

/** Which point of the sweep a run is. */
export interface RunPlan {
  /** Frozen body layers, or null for training from scratch (random init, nothing frozen); 0 under a schedule (where it ends). */
  frozen: number | null;
  cached: boolean;
  /** "fixed" = `frozen` for every epoch; otherwise the settings' schedule decides each epoch (schedule.ts). */
  schedule: LabSchedule;
}

/**
 * One run's numbers. Under a schedule, `trainableParams`/`frozenParams` are those of the last epoch and
 * `trainFlopsPerSample` is the mean over its epochs.
 */
export interface RunResult extends RunCost {
  frozen: number | null;
  cached: boolean;
  schedule: LabSchedule;
  /**
   * ms per epoch of training steps (evaluation and the one-off cache excluded): the median of epochs 2…E (of
   * all epochs when E = 1). The first epoch of every run pays one-off costs (new variables and shapes, the JIT),
   * which made whichever run came first look slower for the same compute; the median also drops epochs that
   * another process interrupted.
   */
  msPerEpoch: number;
  /** ms to compute the cached activations once (0 without a cache). */
  cacheMs: number;
  /** Total training ms: cache plus every epoch. */
  totalMs: number;
  trainAccuracy: number;
  /** After the last epoch, on the 500-digit validation set (what settings are chosen on). */
  valAccuracy: number;
  /** After the last epoch, on the 1,000-digit test set (what is reported; never chosen on). */
  testAccuracy: number;
  history: EpochRecord[];
  /** With repeats: each seed's numbers (the fields above are their means; history is the first seed's). */
  repeats?: RepeatNumbers[];
}

export interface RepeatNumbers {
  seed: number;
  valAccuracy: number;
  testAccuracy: number;
  msPerEpoch: number;
  totalMs: number;
}

/** Median of the epochs' training ms, leaving out the first epoch when there are more. */
export function epochMs(history: readonly EpochRecord[]): number {
  const times = (history.length > 1 ? history.slice(1) : history).map((r) => r.ms).sort((a, b) => a - b);
  if (times.length === 0) return 0;
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}

/** Everything a run needs besides its settings; load once, reuse for every run. */
export interface RunContext {
  data: LabData;
  /** The base the settings name; omit for base "none". */
  base?: BaseWeights;
  signal?: AbortSignal;
  onEpoch?: (plan: RunPlan, record: EpochRecord) => void;
  onBatch?: () => void | Promise<void>;
  /** Train only, for timing: no evaluation after the epochs or at the end (accuracies are NaN). */
  timingOnly?: boolean;
}

export interface RunSets {
  train: LabelledSet;
  val: LabelledSet;
  test: LabelledSet;
}

/** The training, validation and test sets for the settings (seeded subset of the pool; fixed validation and test sets). */
export function datasetsFor(data: LabData, settings: Pick<LabSettings, "n" | "seed">): RunSets {
  return {
    train: targetTrainSet(data, settings.n, deriveSeed(settings.seed, "subset")),
    val: targetValSet(data),
    test: targetTestSet(data),
  };
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
  const pretrained = plan.frozen !== null && settings.base !== "none";
  const plans = schedulePlan({ ...settings, schedule: plan.schedule, k: frozen, pretrained });
  const cached = plan.cached && plan.schedule === "fixed" && frozen > 0;
  try {
    if (pretrained) {
      if (!context.base) throw new Error(`Base "${settings.base}" was not loaded`);
      if (context.base.name !== settings.base)
        throw new Error(`Settings ask for base "${settings.base}" but "${context.base.name}" was loaded`);
      loadBody(net, context.base);
    }
    const { history, cacheMs, test } = await trainNet(
      net,
      sets.train,
      sets.val,
      {
        frozen,
        cached,
        epochs: settings.epochs,
        batchSize: settings.batch,
        learningRate: settings.lr,
        plans,
        seed: deriveSeed(settings.seed, "shuffle"),
        signal: context.signal,
        onBatch: context.onBatch,
        evaluate: !context.timingOnly,
        onEpoch: context.onEpoch && ((record) => context.onEpoch?.(plan, record)),
      },
      context.timingOnly ? undefined : sets.test,
    );
    const last = history[history.length - 1];
    const trainMs = history.reduce((t, r) => t + r.ms, 0);
    const cost = runCost(specs, plans[plans.length - 1]?.frozen ?? frozen, cached);
    const meanTrainFlops = plans.reduce((t, p) => t + runCost(specs, p.frozen, cached).trainFlopsPerSample, 0) / Math.max(1, plans.length);
    return {
      frozen: plan.frozen,
      cached,
      schedule: plan.schedule,
      ...cost,
      trainFlopsPerSample: Math.round(meanTrainFlops),
      msPerEpoch: epochMs(history),
      cacheMs,
      totalMs: cacheMs + trainMs,
      trainAccuracy: last?.acc ?? NaN,
      valAccuracy: last?.valAcc ?? NaN,
      testAccuracy: test?.acc ?? NaN,
      history,
    };
  } finally {
    disposeNet(net);
  }
}

/**
 * The sweep's points: scratch, then k = 0…L frozen, then k = 1…L frozen and cached, then gradual
 * unfreezing and LP-FT. With base "none" the frozen layers keep their random initialisation (k = 0 would
 * repeat scratch) and there are no schedules (nothing pretrained to protect).
 */
export function sweepPlan(base: LabSettings["base"]): RunPlan[] {
  const plans: RunPlan[] = [{ frozen: null, cached: false, schedule: "fixed" }];
  for (let k = base === "none" ? 1 : 0; k <= MAX_FROZEN; k++) plans.push({ frozen: k, cached: false, schedule: "fixed" });
  for (let k = 1; k <= MAX_FROZEN; k++) plans.push({ frozen: k, cached: true, schedule: "fixed" });
  if (base !== "none") plans.push({ frozen: 0, cached: false, schedule: "gradual" }, { frozen: 0, cached: false, schedule: "lpft" });
  return plans;
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

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** One result per plan from several seeds' results: means, with each seed's numbers kept for the spread. */
export function combineRepeats(perSeed: readonly RunResult[][], seeds: readonly number[]): RunResult[] {
  const first = perSeed[0] ?? [];
  if (perSeed.length <= 1) return [...first];
  return first.map((run, i) => {
    const same = perSeed.map((runs) => runs[i] as RunResult);
    return {
      ...run,
      msPerEpoch: mean(same.map((r) => r.msPerEpoch)),
      cacheMs: mean(same.map((r) => r.cacheMs)),
      totalMs: mean(same.map((r) => r.totalMs)),
      trainAccuracy: mean(same.map((r) => r.trainAccuracy)),
      valAccuracy: mean(same.map((r) => r.valAccuracy)),
      testAccuracy: mean(same.map((r) => r.testAccuracy)),
      repeats: same.map((r, j) => ({
        seed: seeds[j] ?? j,
        valAccuracy: r.valAccuracy,
        testAccuracy: r.testAccuracy,
        msPerEpoch: r.msPerEpoch,
        totalMs: r.totalMs,
      })),
    };
  });
}

/** Where a sweep can train some of its runs at the same time (the page: a second Web Worker). */
export type TrainElsewhere = (settings: LabSettings, plans: RunPlan[]) => Promise<RunResult[]>;

/** Epochs of each run's timing pass; the first is left out (one-off costs), the median of the rest is the figure. */
export const TIMING_EPOCHS = 4;

const planKey = (p: RunPlan) => `${p.frozen}:${p.cached}:${p.schedule}`;

/**
 * Trains every point of {@link sweepPlan} with the same data and seed; with `settings.repeats` > 1, the whole
 * sweep again for seeds seed + 1, … (new subset, initialisation and shuffles), returning means and the spread.
 *
 * Two passes (decision 037):
 * - **accuracy**: every run whose weights differ — a cached run trains exactly the uncached run's weights (the
 *   cache changes where the frozen activations come from, not their values; lab.test.ts checks it), so it is
 *   not retrained and takes that run's accuracies and curves. With `trainElsewhere`, every other run trains
 *   there at the same time; the time these runs take is not reported.
 * - **cost**: FLOPs and parameters are counted (cost.ts); ms per epoch come from a separate timing pass of every
 *   fixed-k run (cached ones included), one at a time in this thread with nothing else of the sweep running:
 *   {@link TIMING_EPOCHS} epochs, the first left out. A schedule's ms per epoch is the mean, over its epochs, of
 *   the fixed run with that epoch's frozen layers (the same step). totalMs = cache + ms per epoch × epochs.
 */
export async function runSweep(
  settings: LabSettings,
  context: RunContext,
  onProgress?: (progress: SweepProgress) => void,
  trainElsewhere?: TrainElsewhere,
): Promise<RunResult[]> {
  const plans = sweepPlan(settings.base);
  const training = plans.filter((p) => !(p.cached && p.schedule === "fixed" && (p.frozen ?? 0) > 0));
  const seeds = Array.from({ length: settings.repeats }, (_, r) => settings.seed + r);
  const total = training.length * seeds.length;
  const perSeed: RunResult[][] = [];
  let done = 0;
  for (const seed of seeds) {
    const seeded = { ...settings, seed };
    const sets = datasetsFor(context.data, seeded);
    // With a second place to train, every other run goes there.
    const away = trainElsewhere ? training.filter((_, i) => i % 2 === 1) : [];
    const here = training.filter((p) => !away.includes(p));
    const report = (plan: RunPlan, result: RunResult) => {
      done++;
      onProgress?.({ done, total, plan, result });
    };
    const elsewhere =
      away.length && trainElsewhere
        ? trainElsewhere(seeded, away).then((results) => {
            results.forEach((r, i) => report(away[i] as RunPlan, r));
            return results;
          })
        : Promise.resolve([]);
    const local: RunResult[] = [];
    for (const plan of here) {
      const result = await runOnce(
        seeded,
        plan,
        {
          ...context,
          onEpoch: (p, epoch) => {
            context.onEpoch?.(p, epoch);
            onProgress?.({ done, total, plan: p, epoch });
          },
        },
        sets,
      );
      local.push(result);
      report(plan, result);
    }
    const byKey = new Map<string, RunResult>();
    here.forEach((p, i) => byKey.set(planKey(p), local[i] as RunResult));
    (await elsewhere).forEach((r, i) => byKey.set(planKey(away[i] as RunPlan), r));
    perSeed.push(
      plans.map((plan) => {
        const trained = byKey.get(planKey({ ...plan, cached: false })) as RunResult;
        if (!plan.cached) return trained;
        const k = plan.frozen ?? 0;
        return { ...trained, ...runCost(layersFor(TARGET_CLASSES), k, true), cached: true };
      }),
    );
  }
  const timing = await timingPass(settings, context, plans);
  return combineRepeats(
    perSeed.map((runs) =>
      runs.map((run) => {
        let ms: number;
        let cacheMs = 0;
        if (run.schedule === "fixed") {
          const t = timing.get(planKey(run)) as { ms: number; cacheMs: number };
          ms = t.ms;
          cacheMs = t.cacheMs;
        } else {
          const epochs = schedulePlan({ ...settings, schedule: run.schedule, k: 0, pretrained: true });
          ms =
            epochs.reduce((sum, e) => sum + (timing.get(planKey({ frozen: e.frozen, cached: false, schedule: "fixed" }))?.ms ?? 0), 0) /
            epochs.length;
        }
        return { ...run, msPerEpoch: ms, cacheMs, totalMs: cacheMs + ms * settings.epochs };
      }),
    ),
    seeds,
  );
}

/**
 * The sweep's cost figures: every fixed-k run of `plans` (scratch, k = 0…L, cached k = 1…L) trained for
 * {@link TIMING_EPOCHS} epochs without evaluation, one after another, after a short warm-up; ms per epoch is the
 * median of epochs 2…, cacheMs the one-off cache. Keyed by plan.
 */
export async function timingPass(
  settings: LabSettings,
  context: RunContext,
  plans: readonly RunPlan[],
): Promise<Map<string, { ms: number; cacheMs: number }>> {
  const sets = datasetsFor(context.data, settings);
  const timed = { ...settings, epochs: Math.max(2, Math.min(TIMING_EPOCHS, settings.epochs)), schedule: "fixed" as const };
  await warmUp(timed, context, sets, 100);
  const out = new Map<string, { ms: number; cacheMs: number }>();
  const fixed = [...plans.filter((p) => p.schedule === "fixed")];
  // Every frozen level a schedule passes through, timed as the fixed run it equals.
  for (let k = 0; k <= MAX_FROZEN; k++)
    if (!fixed.some((p) => p.frozen === k && !p.cached)) fixed.push({ frozen: k, cached: false, schedule: "fixed" });
  for (const plan of fixed) {
    const result = await runOnce(timed, plan, { ...context, onEpoch: undefined, timingOnly: true }, sets);
    out.set(planKey({ ...plan, cached: result.cached }), { ms: result.msPerEpoch, cacheMs: result.cacheMs });
  }
  return out;
}

/**
 * An untimed run first: the backend's first steps pay one-off costs (kernel setup, memory growth,
 * the JavaScript JIT warming up over the first few hundred ms) that would otherwise be charged to
 * whichever run comes first. It trains for `budgetMs` whatever n is (it used to stop after 10 epochs, a few
 * ms at n = 50, so scratch — timed first — still paid the warm-up and looked slower than k = 0 for the same compute).
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
    await runOnce(
      { ...settings, base: "none", epochs: 200, schedule: "fixed" },
      { frozen: null, cached: false, schedule: "fixed" },
      {
        data: context.data,
        signal: stop.signal,
        onEpoch: () => {
          if (performance.now() - start > budgetMs) stop.abort();
        },
      },
      sets,
    );
  } catch (error) {
    if (!(error instanceof LabAbortError) || outer?.aborted) throw error;
  } finally {
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/** Live tensors, for leak checks: should return to its value before a run. */
export const liveTensors = () => tf.memory().numTensors;
