import { describe, expect, it } from "vitest";
import { deadlineFor, deadlineWindow, isAnswerCounted, isWithinDeadline, remainingMs } from "./timing";

const start = new Date("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const MIN = 60_000;

describe("deadlineFor", () => {
  it("adds the limit and any extra time to the start", () => {
    expect(deadlineFor({ startedAt: start, limitMs: 10 * MIN })).toEqual(at(10 * MIN));
    expect(deadlineFor({ startedAt: start, limitMs: 10 * MIN, extraMs: 5 * MIN })).toEqual(at(15 * MIN));
  });
  it("is null for an untimed attempt", () => {
    expect(deadlineFor({ startedAt: start, limitMs: null, extraMs: MIN })).toBeNull();
  });
  it("rejects negative or non-finite limits and invalid starts", () => {
    expect(() => deadlineFor({ startedAt: start, limitMs: -1 })).toThrow(RangeError);
    expect(() => deadlineFor({ startedAt: start, limitMs: MIN, extraMs: NaN })).toThrow(RangeError);
    expect(() => deadlineFor({ startedAt: new Date("nope"), limitMs: MIN })).toThrow(RangeError);
  });
});

describe("deadline boundaries (docs/QUALITY.md Q8: deadline −1 s, +grace −1 s, +grace +1 s)", () => {
  const deadline = at(10 * MIN);
  const grace = 5_000;
  it.each([
    [-1_000, "open", true, true],
    [0, "open", true, true],
    [1, "grace", true, false],
    [grace - 1_000, "grace", true, false],
    [grace, "grace", true, false],
    [grace + 1, "closed", false, false],
    [grace + 1_000, "closed", false, false],
  ] as const)("at deadline %+d ms: %s, submit accepted %s, answer counted %s", (offset, window, submit, answer) => {
    const t = new Date(deadline.getTime() + offset);
    expect(deadlineWindow(t, deadline, grace)).toBe(window);
    expect(isWithinDeadline(t, deadline, grace)).toBe(submit);
    expect(isAnswerCounted(t, deadline)).toBe(answer);
  });
  it("never closes an untimed attempt", () => {
    expect(isWithinDeadline(at(1e12), null, 0)).toBe(true);
    expect(isAnswerCounted(at(1e12), null)).toBe(true);
  });
  it("treats an invalid date as closed rather than throwing", () => {
    expect(isWithinDeadline(new Date("nope"), deadline, grace)).toBe(false);
  });
  it("uses a 5 s grace by default", () => {
    expect(isWithinDeadline(new Date(deadline.getTime() + 5_000), deadline)).toBe(true);
    expect(isWithinDeadline(new Date(deadline.getTime() + 5_001), deadline)).toBe(false);
  });
});

describe("remainingMs", () => {
  it("counts down to 0 and stays there", () => {
    expect(remainingMs(at(MIN), at(10 * MIN))).toBe(9 * MIN);
    expect(remainingMs(at(11 * MIN), at(10 * MIN))).toBe(0);
    expect(remainingMs(at(MIN), null)).toBeNull();
  });
});
