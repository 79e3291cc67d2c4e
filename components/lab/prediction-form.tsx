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

/**
 * Before a preset runs: the candidate commits to numbers, so the result can tell them how calibrated they are.
 * It starts empty (a pre-filled guess lets one "predict" without thinking) and keeps what was entered after
 * the run (the page keeps it mounted).
 */
export function PredictionForm({ onRun, disabled }: { onRun: (prediction: LabPrediction | null) => void; disabled?: boolean }) {
  const [speedup, setSpeedup] = useState("");
  const [best, setBest] = useState("");
  const [accuracy, setAccuracy] = useState("");
  const speedupK3 = Number(speedup);
  const bestAccuracy = Number(accuracy) / 100;
  const filled = speedup.trim() !== "" && best !== "" && accuracy.trim() !== "";
  const speedupOk = speedup.trim() === "" || (Number.isFinite(speedupK3) && speedupK3 >= 0.01 && speedupK3 <= 100);
  const accuracyOk = accuracy.trim() === "" || (Number.isFinite(bestAccuracy) && bestAccuracy >= 0 && bestAccuracy <= 1);
  const valid = filled && speedupOk && accuracyOk;
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
          <input
            className={field}
            type="number"
            min={0.01}
            max={100}
            step="any"
            required
            aria-invalid={!speedupOk}
            value={speedup}
            onChange={(e) => setSpeedup(e.target.value)}
          />
          {!speedupOk && (
            <span role="alert" className="text-xs text-red-700 dark:text-red-300">
              Between 0.01 and 100.
            </span>
          )}
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Which run (scratch or fixed k) reaches the best test accuracy?
          <select className={field} required value={best} onChange={(e) => setBest(e.target.value)}>
            <option value="" disabled>
              Choose a run…
            </option>
            {RUNS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Its test accuracy (%)
          <input
            className={field}
            type="number"
            min={0}
            max={100}
            step="any"
            required
            aria-invalid={!accuracyOk}
            value={accuracy}
            onChange={(e) => setAccuracy(e.target.value)}
          />
          {!accuracyOk && (
            <span role="alert" className="text-xs text-red-700 dark:text-red-300">
              Between 0 and 100.
            </span>
          )}
        </label>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={disabled || !valid}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Predict and run preset
        </button>
        <button
          type="button"
          disabled={disabled}
          onClick={() => onRun(null)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Run without predicting
        </button>
      </div>
    </form>
  );
}
