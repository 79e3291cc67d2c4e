import { expect, it } from "vitest";
import { clearRateLimit, hitRateLimit } from "@/server/rate-limit";
import { describeEachDatabase } from "./support/databases";

describeEachDatabase("rate limit", () => {
  const WINDOW = 60_000;
  const now = Date.UTC(2026, 10, 28, 12, 0, 30);

  it("allows the limit, then refuses, and tells how long to wait", async () => {
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await hitRateLimit("test:seq", 10, WINDOW, now));
    expect(results.slice(0, 10).every((r) => r.allowed)).toBe(true);
    expect(results[10]).toMatchObject({ allowed: false, count: 11, retryAfterS: 30 });
  });

  it("counts every one of 50 concurrent hits exactly once", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit("test:race", 10, WINDOW, now)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("starts afresh in the next window, and after a clear", async () => {
    for (let i = 0; i < 3; i++) await hitRateLimit("test:window", 2, WINDOW, now);
    expect((await hitRateLimit("test:window", 2, WINDOW, now + WINDOW)).allowed).toBe(true);
    await clearRateLimit("test:window");
    expect((await hitRateLimit("test:window", 2, WINDOW, now)).count).toBe(1);
  });
});
