/**
 * Messages between the lab page and its Web Worker (components/lab/lab.worker.ts). Types only, so the
 * page's main thread can import it without TensorFlow.js. Every message carries the job id it belongs
 * to, so late messages of a stopped job are recognised and dropped.
 */
import type { RunPlan, RunResult } from "./run";
import type { LabBackend, LabSettings } from "./settings";
import type { EpochRecord } from "./train";

/** "single" trains the run the settings describe; "sweep" trains every point of sweepPlan. */
export type LabJobKind = "single" | "sweep";

export type ToLabWorker =
  /** Load the backend, data and bases ahead of the first run (the page sends it on mount). */
  | { type: "init"; backend: LabBackend }
  | { type: "start"; id: number; kind: LabJobKind; settings: LabSettings }
  | { type: "stop"; id: number };

export type FromLabWorker =
  /** Backend ready; `tensors` is tf.memory().numTensors with nothing training (the leak baseline). */
  | { type: "ready"; requested: LabBackend; backend: LabBackend; tensors: number }
  | { type: "epoch"; id: number; plan: RunPlan; record: EpochRecord; done: number; total: number }
  | { type: "result"; id: number; result: RunResult; done: number; total: number }
  | { type: "finished"; id: number; results: RunResult[]; backend: LabBackend; wallMs: number; tensors: number }
  | { type: "stopped"; id: number; tensors: number }
  | { type: "error"; id: number; message: string; tensors: number };
