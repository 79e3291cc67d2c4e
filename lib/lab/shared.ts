/**
 * The tfjs-free part of the lab core, for the page's main thread: settings and their URL form,
 * presets and their verdicts, the network table and cost accounting, result types. Importing this
 * never loads TensorFlow.js (shared.test.ts checks the import graph); training happens in the
 * Web Worker, which imports "@/lib/lab".
 */
export * from "./architecture";
export * from "./cost";
export * from "./loader";
export * from "./presets";
export * from "./schedule";
export * from "./settings";
export type { EpochRecord } from "./train";
export type { RunPlan, RunResult, SweepProgress } from "./run";
