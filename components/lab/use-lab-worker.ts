"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import type { EpochRecord, LabBackend, LabSettings, RunPlan, RunResult } from "@/lib/lab/shared";
import type { FromLabWorker, LabJobKind, ToLabWorker } from "@/lib/lab/worker-protocol";

export type LabJobStatus = "idle" | "running" | "finished" | "stopped" | "error";

export interface LabJob {
  id: number;
  kind: LabJobKind;
  settings: LabSettings;
  status: Exclude<LabJobStatus, "idle">;
  /** The run being trained now (or last), epoch by epoch, for the live charts. */
  live: { plan: RunPlan; history: EpochRecord[] } | null;
  results: RunResult[];
  /** Share of the job done, 0…1. */
  progress: number;
  backend?: LabBackend;
  wallMs?: number;
  error?: string;
}

export interface LabWorkerState {
  job: LabJob | null;
  /** Backend asked for and the one tfjs actually gave (they differ after a fallback). */
  requested?: LabBackend;
  backend?: LabBackend;
  /** tf.memory().numTensors when the backend came up, and after the last job: equal unless something leaked. */
  baselineTensors?: number;
  tensors?: number;
}

type Action = { type: "start"; job: LabJob } | { type: "reset" } | { type: "messages"; messages: FromLabWorker[] };

const sameRun = (a: RunPlan, b: RunPlan) => a.frozen === b.frozen && a.cached === b.cached && a.schedule === b.schedule;

function reduceJob(job: LabJob, m: FromLabWorker): LabJob {
  if (m.type === "epoch") {
    const history = job.live && sameRun(job.live.plan, m.plan) ? [...job.live.history, m.record] : [m.record];
    const total = job.kind === "sweep" ? m.total || 1 : 1;
    return { ...job, live: { plan: m.plan, history }, progress: (m.done + history.length / job.settings.epochs) / total };
  }
  if (m.type === "result") {
    // Repeated sweeps post each plan once per seed: the latest stands in until "finished" brings the means.
    const at = job.results.findIndex((r) => sameRun(r, m.result));
    const results = at < 0 ? [...job.results, m.result] : job.results.map((r, i) => (i === at ? m.result : r));
    return { ...job, results, progress: m.done / m.total };
  }
  if (m.type === "finished") return { ...job, status: "finished", results: m.results, backend: m.backend, wallMs: m.wallMs, progress: 1 };
  if (m.type === "stopped") return { ...job, status: "stopped" };
  if (m.type === "error") return { ...job, status: "error", error: m.message };
  return job;
}

function reducer(state: LabWorkerState, action: Action): LabWorkerState {
  if (action.type === "start") return { ...state, job: action.job };
  if (action.type === "reset") return { ...state, job: null };
  return action.messages.reduce(reduceMessage, state);
}

function reduceMessage(state: LabWorkerState, m: FromLabWorker): LabWorkerState {
  if (m.type === "ready") return { ...state, requested: m.requested, backend: m.backend, baselineTensors: m.tensors, tensors: m.tensors };
  const tensors = "tensors" in m ? m.tensors : state.tensors;
  // Messages of a job that was stopped or reset are dropped.
  if (!state.job || state.job.id !== m.id || state.job.status !== "running") return { ...state, tensors };
  return { ...state, tensors, job: reduceJob(state.job, m) };
}

/** Owns the lab's Web Worker: created on mount (it preloads tfjs, data and the backend), ended on unmount. */
export function useLabWorker(initialBackend: LabBackend) {
  const [state, dispatch] = useReducer(reducer, { job: null });
  const worker = useRef<Worker | null>(null);
  const helper = useRef<Worker | null>(null);
  const nextId = useRef(1);
  const running = useRef<number | null>(null);

  useEffect(() => {
    const w = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
    // Messages are applied once per animation frame, not one render each: a sweep posts an epoch every few
    // ms, and rendering charts for every one would keep the main thread busy (issue 4: longest task < 50 ms).
    let queue: FromLabWorker[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const messages = queue;
      queue = [];
      dispatch({ type: "messages", messages });
    };
    // A second worker trains half of a sweep's accuracy runs at the same time (decision 037), on machines with
    // at least two cores; the main worker times every run alone afterwards, while the helper idles.
    const h =
      (navigator.hardwareConcurrency ?? 1) >= 2 ? new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" }) : null;
    if (h) {
      h.onmessage = (event: MessageEvent<FromLabWorker>) => {
        const m = event.data;
        if (m.type === "trained") w.postMessage(m satisfies ToLabWorker);
      };
      // A helper that fails to load answers nothing; the main worker is told so and the sweep reports the error.
      h.onerror = () => {
        if (running.current !== null)
          w.postMessage({ type: "trained", id: running.current, error: "The lab's helper worker failed." } satisfies ToLabWorker);
      };
      h.postMessage({ type: "init", backend: initialBackend } satisfies ToLabWorker);
    }
    helper.current = h;
    w.onmessage = (event: MessageEvent<FromLabWorker>) => {
      const m = event.data;
      if (m.type === "delegate") {
        h?.postMessage({ type: "train", id: m.id, settings: m.settings, plans: m.plans } satisfies ToLabWorker);
        return;
      }
      if (m.type === "finished" || m.type === "stopped" || m.type === "error") if (running.current === m.id) running.current = null;
      queue.push(m);
      frame ||= requestAnimationFrame(flush);
    };
    w.onerror = (event) => {
      if (running.current !== null)
        dispatch({
          type: "messages",
          messages: [{ type: "error", id: running.current, message: event.message || "The lab's worker failed to load.", tensors: 0 }],
        });
    };
    worker.current = w;
    w.postMessage({ type: "init", backend: initialBackend, helper: h !== null } satisfies ToLabWorker);
    return () => {
      cancelAnimationFrame(frame);
      w.terminate();
      h?.terminate();
      helper.current = null;
      worker.current = null;
    };
    // The worker lives as long as the page; the initial backend only picks what to preload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const stop = useCallback(() => {
    if (running.current === null) return;
    worker.current?.postMessage({ type: "stop", id: running.current } satisfies ToLabWorker);
    helper.current?.postMessage({ type: "stop", id: running.current } satisfies ToLabWorker);
  }, []);

  const start = useCallback(
    (kind: LabJobKind, settings: LabSettings): number => {
      stop();
      const id = nextId.current++;
      running.current = id;
      dispatch({ type: "start", job: { id, kind, settings, status: "running", live: null, results: [], progress: 0 } });
      worker.current?.postMessage({ type: "start", id, kind, settings } satisfies ToLabWorker);
      return id;
    },
    [stop],
  );

  const reset = useCallback(() => {
    stop();
    dispatch({ type: "reset" });
  }, [stop]);

  return { state, start, stop, reset };
}
