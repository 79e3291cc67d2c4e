import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LAB_SETTINGS, labSettingsToSearchParams, LabSettingsSchema, parseLabSettings, type LabSettings } from "./settings";

const settingsArb: fc.Arbitrary<LabSettings> = fc.record({
  base: fc.constantFrom("disjoint", "permuted", "same-classes", "none"),
  n: fc.integer({ min: 50, max: 2000 }),
  epochs: fc.integer({ min: 1, max: 200 }),
  lr: fc.double({ min: 1e-5, max: 1, noNaN: true }),
  bodyLr: fc.oneof(fc.constant(0), fc.double({ min: 1e-5, max: 1, noNaN: true })),
  batch: fc.integer({ min: 1, max: 2048 }),
  backend: fc.constantFrom("wasm", "webgl", "cpu"),
  k: fc.integer({ min: 0, max: 3 }),
  schedule: fc.constantFrom("fixed", "gradual", "lpft"),
  every: fc.integer({ min: 1, max: 200 }),
  cache: fc.boolean(),
  repeats: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

describe("lab settings in the URL", () => {
  it("an empty URL gives the defaults", () => {
    expect(parseLabSettings(new URLSearchParams())).toEqual({ ok: true, data: DEFAULT_LAB_SETTINGS });
    expect(LabSettingsSchema.safeParse(DEFAULT_LAB_SETTINGS).success).toBe(true);
  });

  it("any valid settings survive a round trip through a shared URL", () => {
    fc.assert(
      fc.property(settingsArb, (settings) => {
        const url = new URL(`https://example.test/lab?${labSettingsToSearchParams(settings).toString()}`);
        expect(parseLabSettings(url.searchParams)).toEqual({ ok: true, data: settings });
      }),
    );
  });

  it("reads a hand-written URL", () => {
    const result = parseLabSettings(new URLSearchParams("base=disjoint&n=500&k=3&cache=1&lr=0.01&backend=cpu"));
    expect(result).toEqual({
      ok: true,
      data: { ...DEFAULT_LAB_SETTINGS, base: "disjoint", n: 500, k: 3, cache: true, lr: 0.01, backend: "cpu" },
    });
  });

  it("keeps links from before the bases were renamed, and before per-layer rates: one rate for every layer", () => {
    const old = parseLabSettings(new URLSearchParams("base=similar&lr=0.003"));
    expect(old).toEqual({ ok: true, data: { ...DEFAULT_LAB_SETTINGS, base: "same-classes", lr: 0.003, bodyLr: 0.003 } });
    expect(parseLabSettings(new URLSearchParams("base=different")).data.base).toBe("disjoint");
    expect(parseLabSettings(new URLSearchParams("lr=0.01&bodyLr=0.001")).data).toMatchObject({ lr: 0.01, bodyLr: 0.001 });
    // A run stored before bodyLr, schedule and every existed parses with their old meaning.
    const { bodyLr: _b, schedule: _s, every: _e, ...stored } = { ...DEFAULT_LAB_SETTINGS, base: "similar", lr: 0.02 };
    expect(LabSettingsSchema.parse(stored)).toEqual({ ...DEFAULT_LAB_SETTINGS, base: "same-classes", lr: 0.02, bodyLr: 0.02 });
  });

  it.each([
    ["base=imagenet", "base"],
    ["n=5", "n"],
    ["n=10", "n"],
    ["n=2001", "n"],
    ["n=12.5", "n"],
    ["epochs=0", "epochs"],
    ["lr=abc", "lr"],
    ["lr=0", "lr"],
    ["batch=", "batch"],
    ["backend=webgpu", "backend"],
    ["k=4", "k"],
    ["k=-1", "k"],
    ["cache=maybe", "cache"],
    ["seed=-3", "seed"],
    ["bodyLr=-1", "bodyLr"],
    ["bodyLr=2", "bodyLr"],
    ["schedule=cosine", "schedule"],
    ["every=0", "every"],
  ])("rejects %s and names the field", (query, field) => {
    const result = parseLabSettings(new URLSearchParams(query));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors)).toEqual([field]);
    // The bad field falls back to its default so the page can still render.
    expect(result.data).toEqual(DEFAULT_LAB_SETTINGS);
  });

  it("refuses to serialise invalid settings", () => {
    expect(() => labSettingsToSearchParams({ ...DEFAULT_LAB_SETTINGS, k: 9 })).toThrow();
  });
});
