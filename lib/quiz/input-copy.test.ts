import { describe, expect, it } from "vitest";
import { readBankFromDisk } from "@/lib/content/read-bank";
import { INPUT_COPY } from "./input-copy";
import { numericKeysInCopy } from "./leaks";

const items = readBankFromDisk().flatMap((e) => e.quiz);

describe("fixed input copy", () => {
  it("names no item's numeric answer", () => {
    expect(items.some((i) => i.type === "numeric")).toBe(true);
    for (const copy of Object.values(INPUT_COPY)) expect(numericKeysInCopy(items, copy)).toEqual([]);
  });

  it("the scan catches the hint that gave 2245 away", () => {
    const item = items.find((i) => i.type === "numeric" && i.answer === 2245);
    expect(item).toBeDefined();
    expect(numericKeysInCopy(items, "A plain number such as 2245 or 0.5 (no thousands separators).").map((k) => k.value)).toContain("2245");
    expect(numericKeysInCopy(items, "such as 2,245")).toHaveLength(1);
  });
});
