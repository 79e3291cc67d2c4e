import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LAB_SETTINGS, LAB_PRESET_TABLE } from "@/lib/lab/shared";
import { labHref, labStateFromSearchParams } from "./lab-url";

describe("the lab's URL state", () => {
  it("round-trips every setting, with the preset", () => {
    const settings = { ...DEFAULT_LAB_SETTINGS, base: "disjoint" as const, n: 500, k: 2, cache: true, backend: "cpu" as const, seed: 42 };
    const href = labHref(settings, "cache");
    const state = labStateFromSearchParams(new URL(href, "http://x").searchParams);
    expect(state).toEqual({ settings, presetId: "cache", errors: [] });
  });

  it("?preset=<id> alone loads that preset's settings; explicit settings override it", () => {
    expect(labStateFromSearchParams(new URLSearchParams("preset=small-data")).settings).toEqual(LAB_PRESET_TABLE["small-data"].settings);
    const state = labStateFromSearchParams(new URLSearchParams("preset=small-data&epochs=5"));
    expect(state.settings).toEqual({ ...LAB_PRESET_TABLE["small-data"].settings, epochs: 5 });
  });

  it("reports bad values and an unknown preset, keeping the rest", () => {
    const state = labStateFromSearchParams(new URLSearchParams("preset=nope&n=5&epochs=7"));
    expect(state.presetId).toBeNull();
    expect(state.settings).toEqual({ ...DEFAULT_LAB_SETTINGS, epochs: 7 });
    expect(state.errors).toHaveLength(2);
  });
});

/** Every module reachable from `entry` through value imports, resolving "@/" and relative paths. */
function graph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const root = path.resolve(import.meta.dirname, "../..");
  const source = readFileSync(entry, "utf8");
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1] as string;
    const base = spec.startsWith("@/")
      ? path.join(root, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(entry), spec)
        : null;
    if (!base) {
      seen.add(spec);
      continue;
    }
    const file = ["", ".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
    if (file && !file.endsWith(".worker.ts")) graph(file, seen);
  }
  return seen;
}

describe("the lab page's main thread", () => {
  it("never imports TensorFlow.js: only the worker (lab.worker.ts, loaded by URL) does", () => {
    const modules = [...graph(path.resolve(import.meta.dirname, "../../app/lab/page.tsx"))];
    expect(modules.some((m) => m.endsWith("lab-app.tsx"))).toBe(true);
    expect(modules.filter((m) => m.includes("tensorflow") || m.endsWith("lib/lab/index.ts"))).toEqual([]);
  });

  it("the check sees tfjs where it is: in the worker", () => {
    const modules = [...graph(path.resolve(import.meta.dirname, "lab.worker.ts"))];
    expect(modules).toContain("@tensorflow/tfjs");
  });
});
