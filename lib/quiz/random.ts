import { z } from "zod";

/**
 * Seeded shuffling for quiz presentation. The seed is stored on the attempt so a review can replay
 * exactly what the candidate saw, which makes this algorithm part of stored data: changing it would
 * reshuffle every past attempt's review. That is why the quiz engine keeps its own frozen copy rather
 * than sharing `lib/lab/random.ts`, whose owner may tune it freely.
 */

/** A seed is an unsigned 32-bit integer, the state size of mulberry32. */
export const SeedSchema = z.number().int().min(0).max(0xffffffff);

/** A uniform generator in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 by Tommy Ettinger (public domain), the 32-bit generator used by many JS libraries:
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c . Not cryptographic; it only
 * needs to be fast, deterministic and well mixed for shuffles of at most a few dozen items.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent 32-bit seed for a named purpose (e.g. "options" + an item id): FNV-1a over the
 * parts, finished with murmur3's fmix32 avalanche. Per-item seeds mean adding or reordering items
 * doesn't reshuffle the options of the others.
 */
export function deriveSeed(seed: number, ...parts: readonly string[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x1f, 0x01000193) >>> 0; // separator: ("ab", "c") ≠ ("a", "bc")
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fisher–Yates (Durstenfeld) shuffle of a copy, drawing from `random`. */
export function shuffleWith<T>(array: readonly T[], random: Random): T[] {
  const out = array.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** A permutation of a copy of `array`, the same one for the same seed on every machine. Throws on a non-seed. */
export function shuffleWithSeed<T>(array: readonly T[], seed: number): T[] {
  return shuffleWith(array, mulberry32(checkSeed(seed)));
}

/** A fresh seed for a new attempt. Uses Web Crypto (browsers and Node ≥ 19) for independence, not secrecy. */
export function createSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number;
}

/** Throws a RangeError unless `seed` is a valid seed: a wrong seed is a programming error, not user input. */
export function checkSeed(seed: number): number {
  if (!SeedSchema.safeParse(seed).success) throw new RangeError(`seed must be an integer in [0, 2^32): ${seed}`);
  return seed;
}
