import { expect, it } from "vitest";
import { getSelfGrade, listProgress, recordSelfGrade } from "@/server/data/progress";
import { DataError } from "@/server/data/errors";
import { describeEachDatabase } from "./support/databases";
import { createUser } from "./support/users";

describeEachDatabase("self-grade progress", ({ db }) => {
  async function user(email: string) {
    const v = await createUser({ email });
    // Both a Viewer and a user QuizActor (recordSelfGrade, getSelfGrade take an actor).
    return { ...v, kind: "user" as const, userId: v.id, roles: v.memberships };
  }

  it("stores the ticked key points, and a second save replaces the first (one row)", async () => {
    const a = await user("a@progress.test");
    await recordSelfGrade(a, "layer-freezing", [2, 0, 2]);
    const saved = await recordSelfGrade(a, "layer-freezing", [1]);
    expect(saved.keyPointsHit).toEqual([1]);
    expect((await getSelfGrade(a, "layer-freezing"))?.keyPointsHit).toEqual([1]);
    expect(await db().prisma.questionProgress.count({ where: { userId: a.id } })).toBe(1);
  });

  it("keeps each user's progress to themselves", async () => {
    const a = await user("a2@progress.test");
    const b = await user("b2@progress.test");
    await recordSelfGrade(a, "layer-freezing", [0, 1]);
    expect(await getSelfGrade(b, "layer-freezing")).toBeNull();
    expect(await listProgress(b)).toEqual([]);
  });

  it("rejects an unknown question or a key point out of range, and writes nothing", async () => {
    const a = await user("a3@progress.test");
    await expect(recordSelfGrade(a, "no-such-question", [0])).rejects.toThrow(DataError);
    await expect(recordSelfGrade(a, "layer-freezing", [99])).rejects.toThrow(/Key points are numbered/);
    expect(await db().prisma.questionProgress.count({ where: { userId: a.id } })).toBe(0);
  });

  it("keeps a guest's self-grade under the guest key, apart from any user's", async () => {
    const g = { kind: "guest" as const, guestKeyHash: "g".repeat(64) };
    await recordSelfGrade(g, "layer-freezing", [0, 2]);
    expect((await getSelfGrade(g, "layer-freezing"))?.keyPointsHit).toEqual([0, 2]);
    expect(await getSelfGrade({ kind: "guest", guestKeyHash: "h".repeat(64) }, "layer-freezing")).toBeNull();
    expect(await db().prisma.questionProgress.count({ where: { questionSlug: "layer-freezing", keyPointsHit: { equals: [0, 2] } } })).toBe(
      0,
    );
  });

  it("stores exactly one row under concurrent saves", async () => {
    const a = await user("a4@progress.test");
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordSelfGrade(a, "layer-freezing", [i % 3])));
    expect(await db().prisma.questionProgress.count({ where: { userId: a.id } })).toBe(1);
  });
});
