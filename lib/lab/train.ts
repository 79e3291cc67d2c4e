/**
 * The lab's training loop. Why not model.fit: the step is overhead-bound (docs/LAB.md), so this loop
 * keeps per-batch work small — the frozen prefix is plain inference (or runs once, when cached),
 * gradients are written out by hand for the trainable layers only (step.ts), and a lean Adam
 * (optimizer.ts) updates only the trainable variables. bench/lab.mts measures it against model.fit.
 */
import * as tf from "@tensorflow/tfjs";
import type { LabelledSet } from "./dataset";
import { forward, type LabNet } from "./model";
import { LabAdam } from "./optimizer";
import { layerGradients, trainableVariables } from "./step";
import { createRandom, shuffled } from "./random";
import { minFrozen, type EpochPlan } from "./schedule";

export interface EpochRecord {
  epoch: number;
  /** Layers held fixed during this epoch (changes under a schedule). */
  frozen: number;
  /** Mean training loss/accuracy over the training set after the epoch. */
  loss: number;
  acc: number;
  /** On the validation set (never the test set). */
  valLoss: number;
  valAcc: number;
  /** Wall-clock ms of the epoch's training steps (evaluation excluded). */
  ms: number;
}

export interface TrainOptions {
  /** Number of leading layers held fixed (when there is no `plans`). */
  frozen: number;
  /** Compute the frozen prefix's activations once and train on them (only when every epoch freezes the same layers). */
  cached: boolean;
  epochs: number;
  batchSize: number;
  /** One rate for every layer (when there is no `plans`). */
  learningRate: number;
  /** Per epoch: frozen layers and per-layer rates (schedule.ts); overrides `frozen` and `learningRate`. */
  plans?: readonly EpochPlan[];
  /** Seeds the per-epoch shuffles. */
  seed: number;
  /** Called after every epoch (for live charts). */
  onEpoch?: (record: EpochRecord) => void;
  /** Called after every batch; a worker can yield to its event loop here. */
  onBatch?: () => void | Promise<void>;
  signal?: AbortSignal;
  /** False: no evaluation after each epoch (losses and accuracies NaN), for timing-only runs. Default true. */
  evaluate?: boolean;
}

export interface TrainResult {
  history: EpochRecord[];
  /** Loss and accuracy on the test set after the last epoch, if one was given. */
  test?: { loss: number; acc: number };
  /** ms spent computing the cached activations (0 without a cache). */
  cacheMs: number;
}

/** Device-resident copy of a labelled set. */
interface Resident {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  labels: tf.Tensor1D;
  count: number;
}

function upload(set: LabelledSet): Resident {
  return tf.tidy(() => {
    const labels = tf.tensor1d(set.y, "int32");
    return {
      x: tf.tensor2d(set.x, [set.count, set.features]),
      y: tf.oneHot(labels, set.classes).toFloat() as tf.Tensor2D,
      labels,
      count: set.count,
    };
  });
}

function disposeResident(r: Resident) {
  tf.dispose([r.x, r.y, r.labels]);
}

/** Mean softmax cross-entropy of logits against one-hot targets (for reporting; step.ts has the gradient). */
export function softmaxCrossEntropy(logits: tf.Tensor2D, onehot: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

/** Loss and accuracy of layers [from, end) on a resident set, in one read-back. */
async function evaluate(net: LabNet, set: Resident, from: number): Promise<{ loss: number; acc: number }> {
  const both = tf.tidy(() => {
    const logits = forward(net, set.x, from);
    const loss = softmaxCrossEntropy(logits, set.y);
    const acc = tf.mean(tf.equal(tf.argMax(logits, 1), set.labels).toFloat());
    return tf.stack([loss, acc]);
  });
  const [loss = NaN, acc = NaN] = await both.data();
  both.dispose();
  return { loss, acc };
}

const NO_EVAL = { loss: NaN, acc: NaN };

/** {@link evaluate} of several sets in one read-back (one GPU/worker round trip per epoch instead of one per set). */
async function evaluateBoth(net: LabNet, sets: readonly Resident[], from: number): Promise<{ loss: number; acc: number }[]> {
  const all = tf.tidy(() =>
    tf.stack(
      sets.flatMap((set) => {
        const logits = forward(net, set.x, from);
        return [softmaxCrossEntropy(logits, set.y), tf.mean(tf.equal(tf.argMax(logits, 1), set.labels).toFloat())];
      }),
    ),
  );
  const values = await all.data();
  all.dispose();
  return sets.map((_, i) => ({ loss: values[2 * i] ?? NaN, acc: values[2 * i + 1] ?? NaN }));
}

export class LabAbortError extends Error {
  constructor() {
    super("Training stopped");
    this.name = "AbortError";
  }
}

/**
 * Trains `net` in place on `train`, evaluating on `val` after every epoch and on `test` (if given) once at
 * the end; returns per-epoch history. Every tensor it makes is disposed.
 */
export async function trainNet(
  net: LabNet,
  train: LabelledSet,
  val: LabelledSet,
  options: TrainOptions,
  test?: LabelledSet,
): Promise<TrainResult> {
  const { epochs, batchSize } = options;
  const plans: readonly EpochPlan[] =
    options.plans ?? Array.from({ length: epochs }, () => ({ frozen: options.frozen, lrs: net.specs.map(() => options.learningRate) }));
  if (plans.length !== epochs) throw new Error(`${plans.length} epoch plans for ${epochs} epochs`);
  // Layers below the fewest frozen of any epoch never change: their outputs can be computed once.
  const lowest = minFrozen(plans);
  const cached = options.cached && lowest > 0 && plans.every((p) => p.frozen === lowest);
  const allVars = trainableVariables(net, 0);
  const optimizer = new LabAdam(allVars, { learningRate: options.learningRate });
  const random = createRandom(options.seed);
  const trainSet = upload(train);
  const valSet = upload(val);
  const testSet = test && upload(test);
  // Activations at the frozen boundary never change. Evaluation always uses them (it is not part of
  // the training cost); training uses them only when `cached`, which is what the user is comparing.
  let boundaryTrain: tf.Tensor2D | undefined;
  let boundaryVal: tf.Tensor2D | undefined;
  let cacheMs = 0;
  const history: EpochRecord[] = [];
  let testEval: TrainResult["test"];
  try {
    if (lowest > 0 && (cached || options.evaluate !== false)) {
      const start = performance.now();
      boundaryTrain = tf.tidy(() => forward(net, trainSet.x, 0, lowest));
      await boundaryTrain.data();
      if (cached) cacheMs = performance.now() - start;
      if (options.evaluate !== false) boundaryVal = tf.tidy(() => forward(net, valSet.x, 0, lowest));
    }
    const trainX = cached && boundaryTrain ? boundaryTrain : trainSet.x;
    const indices = Array.from({ length: train.count }, (_, i) => i);
    // 1/batch for the loss gradient, one kept scalar per batch size (a JS number in an op uploads a new tensor every step).
    const scales = new Map<number, tf.Scalar>();
    const scaleFor = (size: number) => {
      let s = scales.get(size);
      // Made inside the step's tidy: kept, or the tidy would dispose it.
      if (!s) scales.set(size, (s = tf.keep(tf.scalar(1 / size))));
      return s;
    };
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const plan = plans[epoch - 1] as EpochPlan;
        const frozen = plan.frozen;
        const lrs = plan.lrs.flatMap((lr) => [lr, lr]);
        const order = shuffled(indices, random);
        const start = performance.now();
        // Without a cache, the frozen prefix runs for the whole training set at the start of every epoch, one inference
        // pass per frozen layer: the same FLOPs as running it batch by batch (every sample, every epoch, and timed as part
        // of the epoch), in 1 instead of ~n/batch kernels per layer. Each batch then gathers its rows, as a cached run does.
        const epochX = cached || frozen === 0 ? trainX : tf.tidy(() => forward(net, trainSet.x, 0, frozen));
        try {
          for (let b = 0; b < order.length; b += batchSize) {
            if (options.signal?.aborted) throw new LabAbortError();
            const batch = order.slice(b, b + batchSize);
            tf.tidy(() => {
              // gather, not slice of a pre-shuffled epoch: tfjs-wasm's slice was 2–10× slower than gather at these shapes.
              const idx = tf.tensor1d(batch, "int32");
              const h = tf.gather<tf.Tensor2D>(epochX, idx);
              const y = tf.gather<tf.Tensor2D>(trainSet.y, idx);
              optimizer.applyGradients(layerGradients(net, frozen, h, y, scaleFor(batch.length)), 2 * frozen, lrs);
            });
            if (options.onBatch) await options.onBatch();
          }
        } finally {
          if (epochX !== trainX) epochX.dispose();
        }
        // Reading one value flushes asynchronous backends (webgl) so the epoch's time is real.
        await (allVars[allVars.length - 1] as tf.Variable).data();
        const ms = performance.now() - start;
        const [trainEval = NO_EVAL, valEval = NO_EVAL] =
          options.evaluate === false
            ? []
            : await evaluateBoth(
                net,
                [
                  { ...trainSet, x: boundaryTrain ?? trainSet.x },
                  { ...valSet, x: boundaryVal ?? valSet.x },
                ],
                lowest,
              );
        const record = { epoch, frozen, loss: trainEval.loss, acc: trainEval.acc, valLoss: valEval.loss, valAcc: valEval.acc, ms };
        history.push(record);
        options.onEpoch?.(record);
      }
    } finally {
      tf.dispose([...scales.values()]);
    }
    if (testSet) testEval = await evaluate(net, testSet, 0);
  } finally {
    disposeResident(trainSet);
    disposeResident(valSet);
    if (testSet) disposeResident(testSet);
    tf.dispose([boundaryTrain, boundaryVal].filter((t): t is tf.Tensor2D => t !== undefined));
    optimizer.dispose();
  }
  return { history, cacheMs, ...(testEval ? { test: testEval } : {}) };
}
