/** Seeded pseudo-random numbers: the same seed gives the same subsets and shuffles everywhere (generator: lib/random.ts). */
import { mulberry32, shuffleWith, type Random } from "@/lib/random";

export type { Random };
/** A uniform generator in [0, 1) (mulberry32). */
export const createRandom = mulberry32;
/** Fisher–Yates shuffle of a copy. */
export const shuffled = shuffleWith;

/** Derives an independent seed for a named purpose, so e.g. the subset and the head init never share a stream. */
export function deriveSeed(seed: number, purpose: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  return (createRandom(h)() * 2147483647) >>> 0;
}
