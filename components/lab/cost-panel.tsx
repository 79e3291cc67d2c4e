import { layersFor, runCost, type RunPlan, type RunResult } from "@/lib/lab/shared";
import { TARGET_CLASSES } from "@/lib/lab/dataset";
import { count, flopsText, msText, planLabel } from "./format";

/**
 * What one run costs: counted (parameters, FLOPs — known before training) beside measured (ms), because on
 * a model this small they do not track each other (docs/LAB.md: the step is overhead-bound). It always names
 * the run it describes — the one in the per-epoch charts beside it — so the two never disagree.
 */
export function CostPanel({ plan, batch, result, wallMs }: { plan: RunPlan; batch: number; result?: RunResult; wallMs?: number }) {
  const cost = result ?? runCost(layersFor(TARGET_CLASSES), plan.frozen ?? 0, plan.cached);
  const rows: [string, string][] = [
    [plan.schedule === "fixed" ? "Trainable parameters" : "Trainable parameters (last epoch)", count(cost.trainableParams)],
    ["Frozen parameters", count(cost.frozenParams)],
    [plan.schedule === "fixed" ? "FLOPs per sample per step" : "FLOPs per sample per step (mean)", flopsText(cost.trainFlopsPerSample)],
    ["FLOPs per step (batch)", flopsText(cost.trainFlopsPerSample * batch)],
  ];
  if (cost.cacheFlopsPerSample > 0) rows.push(["One-off caching FLOPs per sample", flopsText(cost.cacheFlopsPerSample)]);
  rows.push(["ms per epoch (measured)", result ? msText(result.msPerEpoch) : "—"]);
  rows.push(["Total training time", result ? msText(result.totalMs) : "—"]);
  if (result && result.cacheMs > 0) rows.push(["of which caching", msText(result.cacheMs)]);
  if (wallMs !== undefined) rows.push(["Wall time incl. evaluation", msText(wallMs)]);
  return (
    <section aria-labelledby="cost-title" className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h3 id="cost-title" className="mb-2 font-semibold">
        Cost of this run — {planLabel(plan)}
      </h3>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="cost-panel">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-700 dark:text-slate-300">{k}</dt>
            <dd className="text-right font-mono tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
