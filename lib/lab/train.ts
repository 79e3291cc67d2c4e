/**
 * The lab's training loop. Why not model.fit: the step is overhead-bound (LAB.md), so this loop
 * keeps per-batch work small — the frozen prefix runs outside the gradient tape (or once, when
 * cached), the optimizer sees only trainable variables, and there is one minimize call per batch.
 */
import * as tf from "@tensorflow/tfjs";
import type { LabelledSet } from "./dataset";
import { forward, type LabNet } from "./model";
import { createRandom, shuffled } from "./random";

export interface EpochRecord {
  epoch: number;
  /** Mean training loss/accuracy over the training set after the epoch. */
  loss: number;
  acc: number;
  valLoss: number;
  valAcc: number;
  /** Wall-clock ms of the epoch's training steps (evaluation excluded). */
  ms: number;
}

export interface TrainOptions {
  /** Number of leading layers held fixed. */
  frozen: number;
  /** Compute the frozen prefix's activations once and train on them. */
  cached: boolean;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the per-epoch shuffles. */
  seed: number;
  /** Called after every epoch (for live charts). */
  onEpoch?: (record: EpochRecord) => void;
  /** Called after every batch; a worker can yield to its event loop here. */
  onBatch?: () => void | Promise<void>;
  signal?: AbortSignal;
}

export interface TrainResult {
  history: EpochRecord[];
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

/** Mean softmax cross-entropy with a hand-written gradient: (softmax − onehot) / batch. */
const softmaxCrossEntropy = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const l = args[0] as tf.Tensor2D;
  const t = args[1] as tf.Tensor2D;
  const save = args[2] as tf.GradSaveFunc;
  const logProbs = tf.logSoftmax(l);
  save([logProbs, t]);
  const value = tf.neg(tf.mean(tf.sum(tf.mul(t, logProbs), -1)));
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [lp, target] = saved as [tf.Tensor2D, tf.Tensor2D];
      const scale = tf.div(dy, lp.shape[0]);
      return [tf.mul(tf.sub(tf.exp(lp), target), scale), tf.zerosLike(target)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (logits: tf.Tensor2D, onehot: tf.Tensor2D) => tf.Scalar;

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

export class LabAbortError extends Error {
  constructor() {
    super("Training stopped");
    this.name = "AbortError";
  }
}

/** Trains `net` in place; returns per-epoch history. Every tensor it makes is disposed. */
export async function trainNet(net: LabNet, train: LabelledSet, test: LabelledSet, options: TrainOptions): Promise<TrainResult> {
  const { frozen, epochs, batchSize } = options;
  const cached = options.cached && frozen > 0;
  const trainVars = [...net.kernels.slice(frozen), ...net.biases.slice(frozen)];
  const optimizer = tf.train.adam(options.learningRate);
  const random = createRandom(options.seed);
  let trainSet = upload(train);
  let testSet = upload(test);
  let cacheMs = 0;
  // Where the trained part starts for each resident set: 0 = raw pixels, frozen = cached activations.
  let inputLayer = 0;
  const history: EpochRecord[] = [];
  try {
    if (cached) {
      const start = performance.now();
      const cache = (r: Resident): Resident => ({ ...r, x: tf.tidy(() => forward(net, r.x, 0, frozen)) });
      const cachedTrain = cache(trainSet);
      await cachedTrain.x.data();
      cacheMs = performance.now() - start;
      const cachedTest = cache(testSet);
      trainSet.x.dispose();
      testSet.x.dispose();
      trainSet = cachedTrain;
      testSet = cachedTest;
      inputLayer = frozen;
    }
    const indices = Array.from({ length: train.count }, (_, i) => i);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = shuffled(indices, random);
      const start = performance.now();
      for (let b = 0; b < order.length; b += batchSize) {
        if (options.signal?.aborted) throw new LabAbortError();
        const batch = order.slice(b, b + batchSize);
        tf.tidy(() => {
          const idx = tf.tensor1d(batch, "int32");
          const x = tf.gather(trainSet.x, idx);
          const y = tf.gather(trainSet.y, idx);
          // The frozen prefix runs before the tape starts, so no gradient bookkeeping is kept for it.
          const h = inputLayer < frozen ? forward(net, x, inputLayer, frozen) : x;
          optimizer.minimize(() => softmaxCrossEntropy(forward(net, h, frozen), y), false, trainVars);
        });
        if (options.onBatch) await options.onBatch();
      }
      // Reading one value flushes asynchronous backends (webgl) so the epoch's time is real.
      await (trainVars[trainVars.length - 1] as tf.Variable).data();
      const ms = performance.now() - start;
      const trainEval = await evaluate(net, trainSet, inputLayer);
      const testEval = await evaluate(net, testSet, inputLayer);
      const record = { epoch, loss: trainEval.loss, acc: trainEval.acc, valLoss: testEval.loss, valAcc: testEval.acc, ms };
      history.push(record);
      options.onEpoch?.(record);
    }
  } finally {
    disposeResident(trainSet);
    disposeResident(testSet);
    optimizer.dispose();
  }
  return { history, cacheMs };
}
