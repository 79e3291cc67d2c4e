import { describe, expect, it } from "vitest";
import { isLate } from "./late";

describe("isLate", () => {
  const due = new Date("2026-12-10T12:00:00.000Z");
  it("is on time up to and including the due instant, late one millisecond after", () => {
    expect(isLate(new Date(due.getTime() - 1), due)).toBe(false);
    expect(isLate(new Date(due.getTime()), due)).toBe(false);
    expect(isLate(new Date(due.getTime() + 1), due)).toBe(true);
  });
});
