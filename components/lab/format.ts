import type { RunPlan } from "@/lib/lab/shared";

/** "from scratch", "k = 2 frozen", "k = 2 frozen + cached", "gradual unfreezing" — the names used in charts and tables. */
export function planLabel(plan: RunPlan): string {
  if (plan.schedule === "gradual") return "gradual unfreezing";
  if (plan.schedule === "lpft") return "LP-FT";
  if (plan.frozen === null) return "from scratch";
  if (plan.frozen === 0) return "k = 0 (fine-tune all)";
  return `k = ${plan.frozen} frozen${plan.cached ? " + cached" : ""}`;
}

/** Short label for chart points: scratch, k0…k3, k1c…k3c, grad, lpft. */
export function planShort(plan: RunPlan): string {
  if (plan.schedule === "gradual") return "grad";
  if (plan.schedule === "lpft") return "lpft";
  return plan.frozen === null ? "scratch" : `k${plan.frozen}${plan.cached ? "c" : ""}`;
}

/** A stable key for a run of a job. */
export const planKey = (plan: RunPlan) => `${plan.frozen}-${plan.cached}-${plan.schedule}`;

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const msText = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
export const count = (x: number) => x.toLocaleString("en");
/** FLOPs with an SI prefix: 45.3 k, 1.2 M. */
export function flopsText(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return String(x);
}
