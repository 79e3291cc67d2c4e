import { describe, expect, it } from "vitest";
import { createYielder } from "./yield";

describe("createYielder", () => {
  it("gives the event loop a turn at most every `everyMs`, so a stop message can arrive mid-epoch", async () => {
    const yielder = createYielder(5);
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    expect(createYielder(1000)()).toBeUndefined(); // too soon: no yield, no cost
    const start = performance.now();
    while (performance.now() - start < 10) {
      // busy, like a training step
    }
    let yields = 0;
    const until = performance.now() + 30;
    while (performance.now() < until && !timerFired) {
      const turn = yielder();
      if (turn) {
        yields++;
        await turn;
      }
    }
    expect(yields).toBeGreaterThan(0);
    expect(timerFired).toBe(true);
  });
});
