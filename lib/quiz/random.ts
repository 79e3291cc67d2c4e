import { z } from "zod";

/**
 * Seeded shuffling for quiz presentation. The seed is stored on the attempt so a review can replay
 * exactly what the candidate saw, which makes the generator part of stored data: it lives in
 * lib/random.ts, frozen by a golden test, and the derivation below must not change either.
 */
import { mulberry32, shuffleWith, type Random } from "@/lib/random";

export { mulberry32, shuffleWith, type Random };

/** A seed is an unsigned 32-bit integer, the state size of mulberry32. */
export const SeedSchema = z.number().int().min(0).max(0xffffffff);

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
