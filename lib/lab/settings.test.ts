import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LAB_SETTINGS, labSettingsToSearchParams, LabSettingsSchema, parseLabSettings, type LabSettings } from "./settings";

const settingsArb: fc.Arbitrary<LabSettings> = fc.record({
  base: fc.constantFrom("similar", "different", "none"),
  n: fc.integer({ min: 10, max: 2000 }),
  epochs: fc.integer({ min: 1, max: 200 }),
  lr: fc.double({ min: 1e-5, max: 1, noNaN: true }),
  batch: fc.integer({ min: 1, max: 2048 }),
  backend: fc.constantFrom("wasm", "webgl", "cpu"),
  k: fc.integer({ min: 0, max: 3 }),
  cache: fc.boolean(),
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
    const result = parseLabSettings(new URLSearchParams("base=different&n=500&k=3&cache=1&lr=0.01&backend=cpu"));
    expect(result).toEqual({ ok: true, data: { ...DEFAULT_LAB_SETTINGS, base: "different", n: 500, k: 3, cache: true, lr: 0.01, backend: "cpu" } });
  });

  it.each([
    ["base=imagenet", "base"],
    ["n=5", "n"],
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
