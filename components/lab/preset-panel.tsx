"use client";

import { LAB_PRESET_IDS, LAB_PRESET_TABLE, type LabPresetId, type RunResult } from "@/lib/lab/shared";

/** One button per preset; aria-pressed marks the one whose settings are loaded. */
export function PresetPicker({
  active,
  onPick,
  disabled,
}: {
  active: LabPresetId | null;
  onPick: (id: LabPresetId) => void;
  disabled?: boolean;
}) {
  return (
    <div role="group" aria-label="Presets" className="flex flex-wrap gap-2">
      {LAB_PRESET_IDS.map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={active === id}
          disabled={disabled}
          onClick={() => onPick(id)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-left text-sm hover:bg-slate-100 disabled:opacity-60 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-pressed:border-brand-300 dark:aria-pressed:bg-slate-800 dark:aria-pressed:text-brand-300"
        >
          {LAB_PRESET_TABLE[id].title}
        </button>
      ))}
    </div>
  );
}

/** The active preset's claim and why it holds; after a run, the verdict — including when the effect did not show. */
export function PresetExplanation({ id, runs }: { id: LabPresetId; runs: readonly RunResult[] | null }) {
  const preset = LAB_PRESET_TABLE[id];
  const verdict = runs ? preset.check(runs) : null;
  return (
    <section aria-labelledby="preset-title" className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h2 id="preset-title" className="font-semibold">
        Preset: {preset.title}
      </h2>
      <p className="text-sm">
        <span className="font-semibold">Claim.</span> {preset.claim}
      </p>
      <p className="text-sm" data-testid="preset-base">
        {preset.baseWhy}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <span className="font-semibold">Why.</span> {preset.explanation}
      </p>
      {verdict && (
        <p
          role="status"
          data-testid="verdict"
          className={`rounded-md p-2 text-sm ${verdict.shown ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100"}`}
        >
          <span className="font-semibold">{verdict.shown ? "Shown by this run. " : "Not shown by this run. "}</span>
          {verdict.detail}
          {!verdict.shown && " Small runs are noisy: try another seed or a larger training set, and compare."}
        </p>
      )}
    </section>
  );
}
