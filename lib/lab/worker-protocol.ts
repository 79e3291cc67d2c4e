/**
 * Messages between the lab page and its Web Worker (components/lab/lab.worker.ts). Types only, so the
 * page's main thread can import it without TensorFlow.js. Every message carries the job id it belongs
 * to, so late messages of a stopped job are recognised and dropped. A sweep can train half of its
 * accuracy runs in a second (helper) worker: the main worker posts "delegate", the page relays it to the
 * helper as "train", and the helper's "trained" back to the main worker (decision 037).
 */
import type { RunPlan, RunResult } from "./run";
import type { LabBackend, LabSettings } from "./settings";
import type { EpochRecord } from "./train";

/** "single" trains the run the settings describe; "sweep" trains every point of sweepPlan. */
export type LabJobKind = "single" | "sweep";

export type ToLabWorker =
  /** Load the backend, data and bases ahead of the first run (the page sends it on mount). */
  | { type: "init"; backend: LabBackend; helper?: boolean }
  | { type: "start"; id: number; kind: LabJobKind; settings: LabSettings }
  | { type: "stop"; id: number }
  /** To the helper worker: train these runs of job `id` (one after another) and reply "trained". */
  | { type: "train"; id: number; settings: LabSettings; plans: RunPlan[] }
  /** To the main worker: the helper's reply, relayed by the page. */
  | { type: "trained"; id: number; results?: RunResult[]; error?: string };

export type FromLabWorker =
  /** Backend ready; `tensors` is tf.memory().numTensors with nothing training (the leak baseline). */
  | { type: "ready"; requested: LabBackend; backend: LabBackend; tensors: number }
  | { type: "epoch"; id: number; plan: RunPlan; record: EpochRecord; done: number; total: number }
  | { type: "result"; id: number; result: RunResult; done: number; total: number }
  | { type: "finished"; id: number; results: RunResult[]; backend: LabBackend; wallMs: number; tensors: number }
  | { type: "stopped"; id: number; tensors: number }
  | { type: "error"; id: number; message: string; tensors: number }
  /** From the main worker: please have the helper train these runs (the page relays it as "train"). */
  | { type: "delegate"; id: number; settings: LabSettings; plans: RunPlan[] }
  /** From the helper: the runs it was given, in order (or why not). */
  | { type: "trained"; id: number; results?: RunResult[]; error?: string };
