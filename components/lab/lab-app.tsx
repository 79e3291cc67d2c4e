"use client";

import "./zod-jitless";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { isRun, LAB_PRESET_TABLE, planFor, type LabPresetId, type LabSettings } from "@/lib/lab/shared";
import { scorePrediction, type LabPrediction } from "@/lib/lab/calibration";
import { summariseRun } from "@/lib/schemas/lab-run";
import { saveLabRunAction } from "@/server/actions/lab";
import { callAction } from "@/components/ui/use-server-action";
import { CostPanel } from "./cost-panel";
import { EpochCharts } from "./epoch-charts";
import { labHref } from "./lab-url";
import { NetworkStack } from "./network-stack";
import { PredictionForm } from "./prediction-form";
import { PredictionResult } from "./prediction-result";
import { PresetExplanation, PresetPicker } from "./preset-panel";
import { RunControls } from "./run-controls";
import { SettingsForm } from "./settings-form";
import { SweepChart } from "./sweep-chart";
import { useLabWorker } from "./use-lab-worker";

/** What a job was started with, beyond its settings: the preset it demonstrates and the prediction made first. */
interface JobMeta {
  id: number;
  presetId: LabPresetId | null;
  prediction: LabPrediction | null;
}

/** The lab's interactive shell: settings (mirrored in the URL), the worker's jobs, and their results. */
export function LabApp({
  initialSettings,
  initialPreset,
  urlErrors,
  signedIn,
}: {
  initialSettings: LabSettings;
  initialPreset: LabPresetId | null;
  urlErrors: string[];
  signedIn: boolean;
}) {
  const router = useRouter();
  const [settings, setSettings] = useState(initialSettings);
  const [presetId, setPresetId] = useState(initialPreset);
  const [meta, setMeta] = useState<JobMeta | null>(null);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  // Labels of settings holding a value their schema refuses: nothing runs until they are fixed.
  const [invalid, setInvalid] = useState<string[]>([]);
  const saved = useRef(new Set<number>());
  const { state, start, stop, reset } = useLabWorker(initialSettings.backend);
  const job = state.job;
  const running = job?.status === "running";

  // The URL always describes the loaded settings, so copying it shares exactly this run. history.replaceState
  // (which Next's router observes) rather than router.replace: this page is dynamic, and router.replace would
  // fetch it from the server again on every keystroke.
  const show = useCallback((next: LabSettings, preset: LabPresetId | null) => {
    setSettings(next);
    setPresetId(preset);
    window.history.replaceState(window.history.state, "", labHref(next, preset));
  }, []);
  // A hand-edited setting no longer is the preset, so the preset leaves the URL.
  const change = (next: LabSettings) => show(next, null);

  const run = (kind: "single" | "sweep", prediction: LabPrediction | null = null) => {
    if (invalid.length > 0) return;
    const id = start(kind, settings);
    setMeta({ id, presetId: kind === "sweep" ? presetId : null, prediction });
    setSaveNote(null);
  };

  const score =
    job && meta?.id === job.id && meta.prediction && job.status === "finished" ? scorePrediction(meta.prediction, job.results) : null;

  // Keep finished jobs (once each), a guest's too (imported on sign-up); the server list refreshes afterwards.
  useEffect(() => {
    if (!job || job.status !== "finished" || saved.current.has(job.id) || !job.backend) return;
    saved.current.add(job.id);
    const m = meta?.id === job.id ? meta : null;
    const run = {
      settings: job.settings,
      preset: m?.presetId ?? null,
      backend: job.backend,
      results: job.results.map(summariseRun),
      prediction: m?.prediction ?? null,
      calibration: m?.prediction ? (scorePrediction(m.prediction, job.results)?.calibration ?? null) : null,
    };
    void callAction(() => saveLabRunAction(run)).then((r) => {
      setSaveNote(r.ok ? (signedIn ? "Saved to your runs." : "Saved in this browser's guest session.") : `Not saved: ${r.error}`);
      if (r.ok) router.refresh();
    });
  }, [job, meta, signedIn, router]);

  // The cost panel describes the run in the per-epoch charts beside it (the last one trained), else the settings' own run.
  const shownPlan = job?.live?.plan ?? planFor(job?.settings ?? settings);
  const presetRuns = job && meta?.id === job.id && meta.presetId && job.status === "finished" ? job.results : null;
  return (
    <div className="space-y-6">
      {urlErrors.length > 0 && (
        <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          Some settings in the link were not valid and were reset: {urlErrors.join("; ")}.
        </p>
      )}
      <section aria-labelledby="presets-heading" className="space-y-3">
        <h2 id="presets-heading" className="text-lg font-semibold">
          Presets — one claim each
        </h2>
        <PresetPicker active={presetId} disabled={running} onPick={(id) => show(LAB_PRESET_TABLE[id].settings, id)} />
        {presetId && (
          <>
            <PresetExplanation id={presetId} runs={meta?.presetId === presetId ? presetRuns : null} />
            {/* Kept mounted while the preset runs, so what was entered is still there afterwards. */}
            <PredictionForm key={presetId} onRun={(p) => run("sweep", p)} disabled={running || invalid.length > 0} />
            {score && meta?.prediction && <PredictionResult prediction={meta.prediction} score={score} />}
          </>
        )}
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <NetworkStack frozen={settings.k} disabled={running} onFrozenChange={(k) => change({ ...settings, k })} />
        <SettingsForm settings={settings} disabled={running} onChange={change} onInvalid={setInvalid} />
      </div>
      {invalid.length > 0 && (
        <p
          role="alert"
          data-testid="settings-invalid"
          className="rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          Not run: {invalid.join(", ")} {invalid.length > 1 ? "are" : "is"} out of range. Fix {invalid.length > 1 ? "them" : "it"} to train.
        </p>
      )}
      <RunControls
        state={state}
        blocked={invalid.length > 0}
        onTrain={() => run("single")}
        onSweep={() => run("sweep")}
        onStop={stop}
        onReset={() => {
          reset();
          setMeta(null);
        }}
      />
      {saveNote && (
        <p className="text-sm" role="status">
          {saveNote}
        </p>
      )}
      {!signedIn && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <a href="/signup" className="underline">
            Sign up
          </a>{" "}
          to keep your runs and predictions with an account (they are imported).
        </p>
      )}
      {job?.live && <EpochCharts plan={job.live.plan} history={job.live.history} epochs={job.settings.epochs} />}
      <CostPanel
        plan={shownPlan}
        batch={job?.settings.batch ?? settings.batch}
        result={job?.results.find((r) => isRun(r, shownPlan))}
        wallMs={job?.kind === "single" ? job.wallMs : undefined}
      />
      {job?.kind === "sweep" && <SweepChart runs={job.results} />}
    </div>
  );
}
