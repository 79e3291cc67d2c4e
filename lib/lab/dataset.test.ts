import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assignSplit,
  decodeLabData,
  downsample,
  encodeLabData,
  indicesOf,
  Split,
  TARGET_POOL_SIZE,
  TARGET_TEST_SIZE,
  TARGET_VAL_SIZE,
  targetTestSet,
  targetValSet,
  targetTrainSet,
} from "./dataset";
import { DATA_PATH_8X8 } from "./loader";

const shipped = decodeLabData(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../public/lab", DATA_PATH_8X8))));

describe("the shipped digits", () => {
  it("hold all 10,000 MNIST digits of the mnist package at 8×8 in under 1 MB", () => {
    expect(shipped.count).toBe(10000);
    expect(shipped.side).toBe(8);
    expect(encodeLabData(shipped).length).toBeLessThan(1_000_000);
    const again = decodeLabData(encodeLabData(shipped));
    // Byte comparison: a deep equal over 640,000 elements is needlessly slow.
    for (const key of ["labels", "split", "pixels"] as const) expect(Buffer.from(again[key]).equals(Buffer.from(shipped[key]))).toBe(true);
  });

  it("keep the target test set, the validation set, the target pool and the same-classes slice disjoint and of the right digits", () => {
    const test = indicesOf(shipped, Split.targetTest);
    const val = indicesOf(shipped, Split.targetVal);
    const pool = indicesOf(shipped, Split.targetPool);
    const slice = indicesOf(shipped, Split.sameClassesSlice);
    expect(test).toHaveLength(TARGET_TEST_SIZE);
    expect(val).toHaveLength(TARGET_VAL_SIZE);
    expect(pool).toHaveLength(TARGET_POOL_SIZE);
    const all = [...test, ...val, ...pool, ...slice];
    expect(new Set(all).size).toBe(all.length);
    for (const i of all) expect(shipped.labels[i]).toBeGreaterThanOrEqual(5);
    for (const i of indicesOf(shipped, Split.source)) expect(shipped.labels[i]).toBeLessThan(5);
  });

  it("the split is a pure function of the labels and its seed", () => {
    expect(Buffer.from(assignSplit(shipped.labels, 2014)).equals(Buffer.from(shipped.split))).toBe(true);
  });

  it("draws seeded, nested training subsets from the pool, relabelled 0–4", () => {
    const a = targetTrainSet(shipped, 100, 7);
    expect(targetTrainSet(shipped, 100, 7)).toEqual(a);
    expect(targetTrainSet(shipped, 100, 8).x).not.toEqual(a.x);
    const small = targetTrainSet(shipped, 50, 7);
    expect(Array.from(small.x)).toEqual(Array.from(a.x.subarray(0, 50 * 64)));
    expect(Math.max(...a.y)).toBeLessThanOrEqual(4);
    expect(Math.min(...a.y)).toBeGreaterThanOrEqual(0);
    expect(targetTestSet(shipped).count).toBe(TARGET_TEST_SIZE);
    expect(targetValSet(shipped).count).toBe(TARGET_VAL_SIZE);
    expect(() => targetTrainSet(shipped, 2001, 1)).toThrow();
  });
});

describe("downsampling", () => {
  it("keeps a uniform image uniform and averages 3.5×3.5 areas from 28 to 8", () => {
    expect(Array.from(downsample(new Array(784).fill(1), 28, 8))).toEqual(new Array(64).fill(255));
    // Only the top-left input pixel lit: it covers 1/12.25 of output pixel (0, 0).
    const one = new Array(784).fill(0);
    one[0] = 1;
    const out = downsample(one, 28, 8);
    expect(out[0]).toBe(Math.round(255 / 12.25));
    expect(out.slice(1).every((v) => v === 0)).toBe(true);
  });

  it("halves 28 to 14 by 2×2 means", () => {
    const img = Array.from({ length: 784 }, (_, i) => ((i % 28) + Math.floor(i / 28)) % 2);
    expect(Array.from(downsample(img, 28, 14))).toEqual(new Array(196).fill(128));
  });
});
