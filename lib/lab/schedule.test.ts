import { describe, expect, it } from "vitest";
import { epochPlan, minFrozen, schedulePlan, type ScheduleInput } from "./schedule";

const input = (over: Partial<ScheduleInput>): ScheduleInput => ({
  schedule: "fixed",
  k: 1,
  epochs: 20,
  every: 5,
  lr: 0.01,
  bodyLr: 0.001,
  pretrained: true,
  ...over,
});

describe("schedules", () => {
  it("fixed k freezes the same layers every epoch", () => {
    expect(schedulePlan(input({ k: 2 })).map((p) => p.frozen)).toEqual(new Array(20).fill(2));
  });

  it("gradual unfreezing starts with every body layer frozen and unfreezes one from the top every E epochs", () => {
    expect(schedulePlan(input({ schedule: "gradual", every: 5 })).map((p) => p.frozen)).toEqual([
      3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ]);
    expect(schedulePlan(input({ schedule: "gradual", every: 2, epochs: 9 })).map((p) => p.frozen)).toEqual([3, 3, 2, 2, 1, 1, 0, 0, 0]);
    expect(schedulePlan(input({ schedule: "gradual", every: 1, epochs: 2 })).map((p) => p.frozen)).toEqual([3, 2]);
  });

  it("LP-FT trains the head alone for E epochs, then every layer at the body's rate", () => {
    const plans = schedulePlan(input({ schedule: "lpft", every: 3, epochs: 6 }));
    expect(plans.map((p) => p.frozen)).toEqual([3, 3, 3, 0, 0, 0]);
    expect(plans[0]?.lrs).toEqual([0.001, 0.001, 0.001, 0.01]);
    expect(plans[3]?.lrs).toEqual([0.001, 0.001, 0.001, 0.001]);
  });

  it("gives pretrained layers the body rate and the head its own; without a base every layer has the head's rate", () => {
    expect(epochPlan(input({ k: 0 }), 1).lrs).toEqual([0.001, 0.001, 0.001, 0.01]);
    expect(epochPlan(input({ k: 0, pretrained: false }), 1).lrs).toEqual([0.01, 0.01, 0.01, 0.01]);
  });

  it("knows the fewest frozen layers of any epoch", () => {
    expect(minFrozen(schedulePlan(input({ k: 2 })))).toBe(2);
    expect(minFrozen(schedulePlan(input({ schedule: "gradual", every: 5, epochs: 12 })))).toBe(1);
    expect(minFrozen(schedulePlan(input({ schedule: "lpft" })))).toBe(0);
  });
});
