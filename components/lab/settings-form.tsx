"use client";

import { useState } from "react";
import { NumberField } from "./number-field";
import { LAB_BACKENDS, LAB_BASES, LAB_SCHEDULES, LAB_SETTINGS, type LabSettings } from "@/lib/lab/shared";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900 disabled:opacity-60";
/** Named for what each base saw (docs/decisions/026). */
export const BASE_LABELS: Record<LabSettings["base"], string> = {
  disjoint: "Disjoint classes — digits 0–4 only",
  permuted: "Different inputs — 0–4, pixels permuted",
  "same-classes": "Same classes, more data — 0–4 + labelled 5–9",
  none: "None — from scratch",
};
const SCHEDULE_LABELS: Record<LabSettings["schedule"], string> = {
  fixed: "Fixed k",
  gradual: "Gradual unfreezing (from the top)",
  lpft: "LP-FT (head first, then all at the body rate)",
};
const BACKEND_LABELS: Record<LabSettings["backend"], string> = { wasm: "wasm (default)", webgl: "webgl", cpu: "cpu (plain JS)" };

type NumberKey = "n" | "epochs" | "lr" | "bodyLr" | "batch" | "seed" | "every";

/**
 * The lab's controls. Numbers are committed on change; the URL follows (lab-app.tsx). `onInvalid` receives
 * the labels of the fields holding a value their schema refuses, so the page can refuse to run.
 */
export function SettingsForm({
  settings,
  onChange,
  onInvalid,
  disabled,
}: {
  settings: LabSettings;
  onChange: (next: LabSettings) => void;
  onInvalid: (labels: string[]) => void;
  disabled?: boolean;
}) {
  const [invalid, setInvalid] = useState<ReadonlySet<NumberKey>>(new Set());
  const set = <K extends keyof LabSettings>(key: K, value: LabSettings[K]) => onChange({ ...settings, [key]: value });
  const validity = (key: NumberKey, valid: boolean) => {
    if (valid !== invalid.has(key)) return;
    const next = new Set(invalid);
    if (valid) next.delete(key);
    else next.add(key);
    setInvalid(next);
    onInvalid([...next].map((k) => LAB_SETTINGS[k].label));
  };
  const num = (key: NumberKey, extra: { min?: number; max?: number; step?: number | "any" }, label: string = LAB_SETTINGS[key].label) => (
    <NumberField
      label={label}
      value={settings[key]}
      schema={LAB_SETTINGS[key].schema}
      onCommit={(v) => set(key, v)}
      onValidity={(valid) => validity(key, valid)}
      className={field}
      {...extra}
    />
  );
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2" disabled={disabled}>
      <legend className="mb-2 text-sm font-semibold">Settings</legend>
      <label className="flex flex-col gap-1 text-sm">
        {LAB_SETTINGS.base.label}
        <select className={field} value={settings.base} onChange={(e) => set("base", e.target.value as LabSettings["base"])}>
          {LAB_BASES.map((b) => (
            <option key={b} value={b}>
              {BASE_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      {num("n", { min: 50, max: 2000, step: 50 }, "Training examples (50–2000)")}
      {num("epochs", { min: 1, max: 200 })}
      {num("lr", { min: 0.00001, max: 1, step: "any" })}
      {num("bodyLr", { min: 0, max: 1, step: "any" })}
      <label className="flex flex-col gap-1 text-sm">
        {LAB_SETTINGS.schedule.label}
        <select className={field} value={settings.schedule} onChange={(e) => set("schedule", e.target.value as LabSettings["schedule"])}>
          {LAB_SCHEDULES.map((s) => (
            <option key={s} value={s}>
              {SCHEDULE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      {num("every", { min: 1, max: 200 })}
      {num("batch", { min: 1, max: 2048 })}
      <label className="flex flex-col gap-1 text-sm">
        {LAB_SETTINGS.backend.label}
        <select className={field} value={settings.backend} onChange={(e) => set("backend", e.target.value as LabSettings["backend"])}>
          {LAB_BACKENDS.map((b) => (
            <option key={b} value={b}>
              {BACKEND_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      {num("seed", { min: 0, max: 2 ** 31 - 1 })}
      <label className="flex flex-col gap-1 text-sm">
        {LAB_SETTINGS.repeats.label}
        <select className={field} value={settings.repeats} onChange={(e) => set("repeats", Number(e.target.value))}>
          <option value={1}>Once (this seed)</option>
          <option value={3}>3 seeds — means with the spread</option>
        </select>
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" className="h-4 w-4" checked={settings.cache} onChange={(e) => set("cache", e.target.checked)} />
        {LAB_SETTINGS.cache.label}
      </label>
    </fieldset>
  );
}
