// Small helpers the benchmarks share: numeric `--name value` flags and order statistics.

/** Parses `--name value` pairs over `defaults` (every value a number); an unknown name is an error naming the known ones. */
export function parseNumberFlags<T extends Record<string, number>>(flags: string[], defaults: T): T {
  const out = { ...defaults };
  for (let i = 0; i < flags.length; i += 2) {
    const key = flags[i]!.replace(/^--/, "");
    if (!(key in out)) {
      const known = Object.keys(defaults).map((k) => `--${k}`);
      throw new Error(`unknown flag ${flags[i]} (known: ${known.join(", ")})`);
    }
    (out as Record<string, number>)[key] = Number(flags[i + 1]);
  }
  return out;
}

/** The element at fraction q of the sorted values (q = 0.5: the median as the benches report it). */
export function quantile(xs: number[], q: number): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!;
}
export const median = (xs: number[]) => quantile(xs, 0.5);
export const p90 = (xs: number[]) => quantile(xs, 0.9);
