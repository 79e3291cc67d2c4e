/**
 * The freeze-layers lab core: pure TypeScript + TensorFlow.js, the same in Node and in a Web Worker.
 * Typical use: initLabBackend → loadLabData + loadBaseWeights (via an injected loader) → runSweep / runOnce.
 */
import { decodeLabData, type LabData } from "./dataset";
import { DATA_PATH_8X8, type LabAssetLoader } from "./loader";

export * from "./architecture";
export * from "./backend";
export * from "./cost";
export * from "./dataset";
export * from "./loader";
export { createNet, disposeNet, forward, loadBaseWeights, loadBody, readWeights } from "./model";
export type { BaseWeights, DenseWeights, LabNet } from "./model";
export * from "./random";
export * from "./run";
export * from "./presets";
export { epochPlan, minFrozen, schedulePlan, scheduleLabel, type EpochPlan, type ScheduleInput } from "./schedule";
export * from "./settings";
export * from "./train";
export * from "./yield";

/** Loads and decodes the shipped 8×8 digits. */
export async function loadLabData(loader: LabAssetLoader): Promise<LabData> {
  return decodeLabData(await loader(DATA_PATH_8X8));
}
