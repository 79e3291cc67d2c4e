/**
 * Seed tables for docs/decisions/027: runs the given plans for seeds 1–20 (or `seeds`) with the given settings and
 * prints per seed, then means and minima of validation (v) and test (t) accuracy, and for each pair in `cmp` on how
 * many seeds the first beat the second on test, with the smallest, mean and largest margin. "best" is the frozen run
 * (k = 1…3) with the best validation accuracy.
 *   npx tsx scripts/lab/measure-seeds.mts '{"settings":{"base":"permuted","n":50},"cmp":[["scr","k0"]]}'
 */
import {
  DEFAULT_LAB_SETTINGS,
  datasetsFor,
  loadBaseWeights,
  loadLabData,
  runOnce,
  sweepPlan,
  type LabSettings,
  type RunPlan,
} from "@/lib/lab";
import { initNodeBackend, nodeLoader } from "./node";

const cfg = JSON.parse(process.argv[2] ?? "{}") as { settings?: Partial<LabSettings>; seeds?: number[]; cmp?: [string, string][] };
const seeds = cfg.seeds ?? Array.from({ length: 20 }, (_, i) => i + 1);
await initNodeBackend("wasm");
const loader = nodeLoader();
const data = await loadLabData(loader);
const settings: LabSettings = { ...DEFAULT_LAB_SETTINGS, ...cfg.settings };
const base = settings.base === "none" ? undefined : await loadBaseWeights(loader, settings.base);
const plans = sweepPlan(settings.base).filter((p) => !p.cached);
const label = (p: RunPlan) => (p.frozen === null ? "scr" : p.schedule !== "fixed" ? p.schedule : `k${p.frozen}`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
process.stdout.write(JSON.stringify(settings) + "\n");
const rows: Record<string, [number, number]>[] = [];
for (const seed of seeds) {
  const s = { ...settings, seed };
  const sets = datasetsFor(data, s);
  const row: Record<string, [number, number]> = {};
  for (const p of plans) {
    const r = await runOnce(s, p, { data, base }, sets);
    row[label(p)] = [r.valAccuracy, r.testAccuracy];
  }
  const best = ["k1", "k2", "k3"]
    .filter((k) => row[k])
    .reduce((a, k) => ((row[k] as [number, number])[0] > (row[a] as [number, number])[0] ? k : a));
  row.best = row[best] as [number, number];
  rows.push(row);
  process.stdout.write(
    `${seed} ${Object.entries(row)
      .map(([k, [v, t]]) => `${k} v${v.toFixed(3)} t${t.toFixed(3)}`)
      .join(" | ")}\n`,
  );
}
const keys = Object.keys(rows[0] ?? {});
const col = (k: string, i: 0 | 1) => rows.map((r) => (r[k] as [number, number])[i]);
process.stdout.write(
  `mean ${keys.map((k) => `${k} v${mean(col(k, 0)).toFixed(3)} t${mean(col(k, 1)).toFixed(3)} min t${Math.min(...col(k, 1)).toFixed(3)}`).join(" | ")}\n`,
);
for (const [a, b] of cfg.cmp ?? []) {
  const d = rows.map((r) => (r[a] as [number, number])[1] - (r[b] as [number, number])[1]);
  process.stdout.write(
    `${a} − ${b} (test): ahead on ${d.filter((x) => x > 0).length}/${d.length}, min ${Math.min(...d).toFixed(3)}, mean ${mean(d).toFixed(3)}, max ${Math.max(...d).toFixed(3)}\n`,
  );
}
