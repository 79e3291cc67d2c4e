/**
 * Seeded randomness shared by the quiz engine and the lab. Both store or ship results that depend on
 * these exact sequences (an attempt's seed replays its shuffle; the shipped base models are reproduced
 * from a seed), so the algorithms are frozen: lib/random.test.ts pins their output.
 */

/** A uniform generator in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 by Tommy Ettinger (public domain): https://gist.github.com/tommyettinger/46a874533244883189143505d203312c .
 * Not cryptographic; fast, deterministic and well mixed for shuffles and subsets.
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
