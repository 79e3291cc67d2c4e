/**
 * What trains in each epoch: how many body layers are frozen and the learning rate of each layer.
 * Pure (no tfjs), so the page can draw a schedule and the tests can check it without training.
 * - fixed: k frozen for every epoch;
 * - gradual (Howard & Ruder 2018, ULMFiT): every body layer frozen at first, then one more layer from
 *   the top unfrozen every `every` epochs until none is;
 * - lpft (Kumar et al. 2022, linear probe then fine-tune): only the head for `every` epochs, then every
 *   layer at the body's (low) rate.
 * Pretrained layers train at `bodyLr`, the new head (and any layer that did not come from a base) at `lr`.
 */
import { MAX_FROZEN } from "./architecture";
import type { RunPlan, RunResult } from "./run";
import type { LabSchedule, LabSettings } from "./settings";

export interface EpochPlan {
  /** Leading layers held fixed in this epoch. */
  frozen: number;
  /** Learning rate of each layer (body layers first, the head last); frozen layers' entries are unused. */
  lrs: number[];
}

export interface ScheduleInput {
  schedule: LabSchedule;
  /** Frozen layers for the fixed schedule. */
  k: number;
  epochs: number;
  every: number;
  lr: number;
  bodyLr: number;
  /** Whether the body came from a base; if not, every layer trains at `lr` (there is nothing to protect). */
  pretrained: boolean;
}

const LAYERS = MAX_FROZEN + 1;

/** The plan of epoch `epoch` (1-based). */
export function epochPlan(input: ScheduleInput, epoch: number): EpochPlan {
  const body = input.pretrained ? input.bodyLr : input.lr;
  const rates = (bodyRate: number, headRate: number) => [...Array.from({ length: MAX_FROZEN }, () => bodyRate), headRate];
  switch (input.schedule) {
    case "fixed":
      return { frozen: input.k, lrs: rates(body, input.lr) };
    case "gradual":
      return { frozen: Math.max(0, MAX_FROZEN - Math.floor((epoch - 1) / input.every)), lrs: rates(body, input.lr) };
    case "lpft":
      return epoch <= input.every ? { frozen: MAX_FROZEN, lrs: rates(body, input.lr) } : { frozen: 0, lrs: rates(body, body) };
  }
}

/** Every epoch's plan, in order. */
export function schedulePlan(input: ScheduleInput): EpochPlan[] {
  return Array.from({ length: input.epochs }, (_, i) => epochPlan(input, i + 1));
}

/** The fewest frozen layers any epoch has: layers below it never change, so their outputs can be reused. */
export function minFrozen(plans: readonly EpochPlan[]): number {
  return plans.reduce((m, p) => Math.min(m, p.frozen), LAYERS - 1);
}

/** Short label of a schedule for charts and tables. */
export function scheduleLabel(schedule: LabSchedule, every: number): string {
  return schedule === "gradual" ? `gradual (1 layer / ${every} ep)` : schedule === "lpft" ? `LP-FT (head ${every} ep)` : "fixed";
}

/** Whether a result is the run `plan` describes. */
export function isRun(result: Pick<RunResult, "frozen" | "cached" | "schedule">, plan: RunPlan): boolean {
  return (
    result.frozen === plan.frozen &&
    result.cached === (plan.cached && plan.schedule === "fixed" && (plan.frozen ?? 0) > 0) &&
    result.schedule === plan.schedule
  );
}

/** The run the settings describe on their own (the page's single "Train" button). */
export function planFor(settings: LabSettings): RunPlan {
  if (settings.schedule !== "fixed" && settings.base !== "none") return { frozen: 0, cached: false, schedule: settings.schedule };
  return settings.base === "none" && settings.k === 0
    ? { frozen: null, cached: false, schedule: "fixed" }
    : { frozen: settings.k, cached: settings.cache, schedule: "fixed" };
}
