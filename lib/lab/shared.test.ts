import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every module reachable from `entry` through value (non-type) imports. */
function valueImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  const pattern = /^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    const spec = match[1] as string;
    if (spec.startsWith(".")) valueImports(path.resolve(path.dirname(entry), `${spec}.ts`), seen);
    else seen.add(spec);
  }
  return seen;
}

describe("the lab's tfjs-free entry point", () => {
  it("never imports TensorFlow.js, so the page's main thread can use settings and presets without it", () => {
    const graph = [...valueImports(path.resolve(import.meta.dirname, "shared.ts"))];
    expect(graph.filter((m) => m.includes("tensorflow"))).toEqual([]);
    expect(graph.some((m) => m.endsWith("settings.ts"))).toBe(true);
  });

  it("the full entry point does import it (the check can see tfjs when it is there)", () => {
    const graph = [...valueImports(path.resolve(import.meta.dirname, "index.ts"))];
    expect(graph).toContain("@tensorflow/tfjs");
  });
});
