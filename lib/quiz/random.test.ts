import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeed, deriveSeed, mulberry32, shuffleWithSeed } from "./random";
import { seedArb } from "./test-arbitraries";

const runs = { numRuns: 1000 };

describe("mulberry32", () => {
  it("matches the reference sequence, so stored seeds replay the same shuffles forever", () => {
    // First outputs of Tommy Ettinger's reference C implementation (compiled and run), as uint32.
    const first3 = (seed: number) => {
      const r = mulberry32(seed);
      return [r(), r(), r()].map((x) => x * 4294967296);
    };
    expect(first3(1)).toEqual([2693262067, 11749833, 2265367787]);
    expect(first3(42)).toEqual([2581720956, 1925393290, 3661312704]);
  });
  it("stays in [0, 1)", () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const r = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = r();
          if (!(x >= 0 && x < 1)) return false;
        }
        return true;
      }),
      runs,
    );
  });
});

describe("shuffleWithSeed", () => {
  it("is deterministic and returns a permutation of a copy", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 30 }), seedArb, (xs, seed) => {
        const before = xs.slice();
        const a = shuffleWithSeed(xs, seed);
        expect(shuffleWithSeed(xs, seed)).toEqual(a);
        expect(xs).toEqual(before);
        expect([...a].sort((p, q) => p - q)).toEqual([...xs].sort((p, q) => p - q));
      }),
      runs,
    );
  });
  it("reaches every order of three elements about equally often", () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const key = shuffleWithSeed(["a", "b", "c"], deriveSeed(seed, "t")).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });
  it("rejects a seed that is not a 32-bit unsigned integer", () => {
    for (const bad of [-1, 1.5, 2 ** 32, NaN, Infinity]) expect(() => shuffleWithSeed([1, 2], bad)).toThrow(RangeError);
  });
});

describe("deriveSeed", () => {
  it("separates purposes and parts", () => {
    expect(deriveSeed(7, "options", "a")).not.toBe(deriveSeed(7, "options", "b"));
    expect(deriveSeed(7, "ab", "c")).not.toBe(deriveSeed(7, "a", "bc"));
    expect(deriveSeed(7, "x")).not.toBe(deriveSeed(8, "x"));
    expect(deriveSeed(7, "x")).toBe(deriveSeed(7, "x"));
  });
});

describe("createSeed", () => {
  it("returns a valid seed", () => {
    const s = createSeed();
    expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });
});
