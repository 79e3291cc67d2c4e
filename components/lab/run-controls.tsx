"use client";

import type { LabWorkerState } from "./use-lab-worker";
import { msText } from "./format";

const button = "rounded-md px-3 py-1.5 text-sm font-semibold disabled:opacity-60";
const STATUS_TEXT = { running: "Training…", finished: "Finished", stopped: "Stopped", error: "Failed" } as const;

/**
 * Train / sweep / stop / reset, the progress bar, and the worker's status. The status element carries
 * data attributes (status, live tensors and their baseline) so the end-to-end test can check for leaks.
 */
export function RunControls({
  state,
  blocked,
  onTrain,
  onSweep,
  onStop,
  onReset,
}: {
  state: LabWorkerState;
  /** A setting is out of range: training is refused until it is fixed. */
  blocked: boolean;
  onTrain: () => void;
  onSweep: () => void;
  onStop: () => void;
  onReset: () => void;
}) {
  const job = state.job;
  const running = job?.status === "running";
  const fellBack = state.requested && state.backend && state.requested !== state.backend;
  return (
    <section aria-label="Run" className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={onTrain}
          disabled={running || blocked}
          className={`${button} bg-brand-600 text-white hover:bg-brand-700`}
        >
          Train this setting
        </button>
        <button
          type="button"
          onClick={onSweep}
          disabled={running || blocked}
          className={`${button} border border-brand-600 text-brand-700 hover:bg-brand-50 dark:border-brand-300 dark:text-brand-300 dark:hover:bg-slate-800`}
        >
          Run freeze sweep (scratch, k = 0…3, schedules)
        </button>
        <button type="button" onClick={onStop} disabled={!running} className={`${button} border border-slate-300 dark:border-slate-700`}>
          Stop
        </button>
        <button type="button" onClick={onReset} disabled={!job} className={`${button} border border-slate-300 dark:border-slate-700`}>
          Reset
        </button>
      </div>
      {job && (
        <progress className="h-2 w-full accent-brand-600" max={1} value={job.progress} aria-label="Training progress">
          {Math.round(job.progress * 100)}%
        </progress>
      )}
      <p
        role="status"
        data-testid="lab-status"
        data-status={job?.status ?? "idle"}
        data-tensors={state.tensors ?? ""}
        data-baseline-tensors={state.baselineTensors ?? ""}
        data-backend={state.backend ?? ""}
        className="text-sm"
      >
        {job ? STATUS_TEXT[job.status] : "Ready."}
        {job?.status === "finished" &&
          job.wallMs !== undefined &&
          ` in ${msText(job.wallMs)} (${job.results.length} run${job.results.length > 1 ? "s" : ""}).`}
        {job?.status === "error" && ` ${job.error}`}
        {state.backend && ` Backend: ${state.backend}.`}
        {fellBack && ` ${state.requested} is not available here, so the lab fell back to ${state.backend}.`}
      </p>
    </section>
  );
}
