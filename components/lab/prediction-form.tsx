"use client";

import { useState } from "react";
import type { LabPrediction } from "@/lib/lab/calibration";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";
const RUNS: { value: string; label: string }[] = [
  { value: "scratch", label: "From scratch" },
  { value: "0", label: "k = 0 (fine-tune all)" },
  { value: "1", label: "k = 1 frozen" },
  { value: "2", label: "k = 2 frozen" },
  { value: "3", label: "k = 3 frozen" },
];

/** Before a preset runs: the candidate commits to numbers, so the result can tell them how calibrated they are. */
export function PredictionForm({ onRun, disabled }: { onRun: (prediction: LabPrediction | null) => void; disabled?: boolean }) {
  const [speedup, setSpeedup] = useState("2");
  const [best, setBest] = useState("1");
  const [accuracy, setAccuracy] = useState("85");
  const speedupK3 = Number(speedup);
  const bestAccuracy = Number(accuracy) / 100;
  const valid = Number.isFinite(speedupK3) && speedupK3 >= 0.01 && speedupK3 <= 100 && Number.isFinite(bestAccuracy) && bestAccuracy >= 0 && bestAccuracy <= 1;
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      aria-label="Your prediction"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onRun({ speedupK3, bestFrozen: best === "scratch" ? null : Number(best), bestAccuracy });
      }}
    >
      <p className="text-sm font-semibold">Predict first, then run</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm">
          An epoch at k = 3 is how many times faster than at k = 0?
          <input className={field} type="number" min={0.01} max={100} step="any" value={speedup} onChange={(e) => setSpeedup(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Which run reaches the best test accuracy?
          <select className={field} value={best} onChange={(e) => setBest(e.target.value)}>
            {RUNS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Its test accuracy (%)
          <input className={field} type="number" min={0} max={100} step="any" value={accuracy} onChange={(e) => setAccuracy(e.target.value)} />
        </label>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={disabled || !valid} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          Predict and run preset
        </button>
        <button type="button" disabled={disabled} onClick={() => onRun(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800">
          Run without predicting
        </button>
      </div>
    </form>
  );
}
