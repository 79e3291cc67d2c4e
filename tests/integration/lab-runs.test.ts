import { expect, it, vi } from "vitest";
import { listRecentLabRuns, MAX_LAB_RUNS_PER_USER, recordLabRun } from "@/server/data/lab-runs";
import { DataError } from "@/server/data/errors";
import { saveLabRunAction } from "@/server/actions/lab";
import { DEFAULT_LAB_SETTINGS } from "@/lib/lab/shared";
import type { LabRunInput, LabRunSummary } from "@/lib/schemas/lab-run";
import { describeEachDatabase } from "./support/databases";
import { createUser } from "./support/users";

// The action's wrapper asks for the actor; here it is a guest browser, without loading next-auth or cookies.
const GUEST = "c".repeat(64);
vi.mock("@/server/auth", () => ({ getViewer: async () => null }));
vi.mock("@/server/data/quiz-actor", () => ({ currentActor: async () => ({ kind: "guest", guestKeyHash: "c".repeat(64) }) }));

const summary = (frozen: number | null, valAccuracy: number): LabRunSummary => ({
  frozen,
  cached: false,
  schedule: "fixed",
  trainableParams: 18821,
  frozenParams: 0,
  trainFlopsPerSample: 95242,
  msPerEpoch: 12.5,
  totalMs: 250,
  trainAccuracy: 0.99,
  valAccuracy,
  testAccuracy: valAccuracy - 0.01,
});

const input = (over: Partial<LabRunInput> = {}): LabRunInput => ({
  settings: { ...DEFAULT_LAB_SETTINGS, n: 50 },
  preset: "small-data",
  backend: "wasm",
  results: [summary(null, 0.8), summary(0, 0.85), summary(1, 0.9)],
  prediction: { speedupK3: 3, bestFrozen: 1, bestAccuracy: 0.88 },
  calibration: 87.5,
  ...over,
});

describeEachDatabase("lab runs", ({ db }) => {
  async function user(email: string) {
    const v = await createUser({ email });
    // Both a Viewer and a user QuizActor (recordSelfGrade, getSelfGrade take an actor).
    return { ...v, kind: "user" as const, userId: v.id, roles: v.memberships };
  }

  it("stores a run with its settings, numbers and prediction, and lists it newest first", async () => {
    const a = await user("a@lab.test");
    const first = await recordLabRun(a, input());
    await recordLabRun(a, input({ preset: null, prediction: null, calibration: null, results: [summary(2, 0.7)] }));
    const runs = await listRecentLabRuns(a);
    expect(runs.map((r) => r.preset)).toEqual([null, "small-data"]);
    expect(runs[1]).toEqual({ ...first, createdAt: expect.any(String) });
    expect(runs[1]?.results[2]).toEqual(summary(1, 0.9));
    expect(runs[1]?.prediction).toEqual({ speedupK3: 3, bestFrozen: 1, bestAccuracy: 0.88 });
    expect(runs[1]?.calibration).toBe(87.5);
  });

  it("keeps each user's runs to themselves", async () => {
    const a = await user("a2@lab.test");
    const b = await user("b2@lab.test");
    await recordLabRun(a, input());
    expect(await listRecentLabRuns(b)).toEqual([]);
  });

  it("stores only the summary fields (no per-epoch history) and rejects invalid or oversized input", async () => {
    const a = await user("a3@lab.test");
    const withHistory = { ...summary(0, 0.5), history: Array.from({ length: 1000 }, () => ({ loss: 1 })) } as LabRunSummary;
    await recordLabRun(a, input({ results: [withHistory] }));
    const row = await db().prisma.labRun.findFirstOrThrow({ where: { userId: a.id }, select: { results: true } });
    expect(Object.keys((row.results as object[])[0] as object)).not.toContain("history");

    await expect(recordLabRun(a, input({ results: Array.from({ length: 17 }, () => summary(0, 0.5)) }))).rejects.toThrow(DataError);
    await expect(recordLabRun(a, input({ results: [{ ...summary(0, 0.5), valAccuracy: 1.5 }] }))).rejects.toThrow(DataError);
    await expect(recordLabRun(a, input({ calibration: null }))).rejects.toThrow(/calibration score needs a prediction/);
    expect(await db().prisma.labRun.count({ where: { userId: a.id } })).toBe(1);
  });

  it(`keeps at most ${MAX_LAB_RUNS_PER_USER} runs per user, dropping the oldest`, async () => {
    const a = await user("a4@lab.test");
    const old = new Date("2026-01-01T00:00:00Z");
    await db().prisma.labRun.createMany({
      data: Array.from({ length: MAX_LAB_RUNS_PER_USER }, (_, i) => ({
        userId: a.id,
        backend: "wasm",
        settings: DEFAULT_LAB_SETTINGS,
        results: [summary(0, 0.5)],
        createdAt: new Date(old.getTime() + i * 1000),
      })),
    });
    await recordLabRun(a, input());
    expect(await db().prisma.labRun.count({ where: { userId: a.id } })).toBe(MAX_LAB_RUNS_PER_USER);
    expect(await db().prisma.labRun.count({ where: { userId: a.id, createdAt: old } })).toBe(0);
  });

  it("the save action keeps a guest's run under the guest key (for import at sign-up)", async () => {
    const r = await saveLabRunAction(input());
    expect(r.ok).toBe(true);
    const rows = await db().prisma.labRun.findMany({ where: { guestKeyHash: GUEST }, select: { userId: true } });
    expect(rows).toEqual([{ userId: null }]);
    expect(await listRecentLabRuns({ kind: "guest", guestKeyHash: GUEST })).toHaveLength(1);
    expect(await listRecentLabRuns({ kind: "guest", guestKeyHash: "d".repeat(64) })).toEqual([]);
  });
});
