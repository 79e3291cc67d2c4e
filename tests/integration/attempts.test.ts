import { expect, it } from "vitest";
import { getQuizItemsWithKey } from "@/server/content";
import { saveAnswers, selfGradeFreeText, startAttempt, submitAttempt } from "@/server/data/attempts";
import { getAttemptResult, getAttemptView, getMistakeItemIds } from "@/server/data/attempt-views";
import { getReviewQueue } from "@/server/data/review-cards";
import { StartAttemptSchema } from "@/lib/schemas/attempt";
import type { QuizActor } from "@/server/data/quiz-actor";
import { collectKeyMaterial, presentItem, type QuizItem } from "@/lib/quiz";
import { describeEachDatabase } from "./support/databases";

const SLUG = "layer-freezing";
const items = getQuizItemsWithKey(SLUG)!;

/** The right response to every item (free text: a non-empty answer, graded later). */
function rightAnswers(list: readonly QuizItem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of list) {
    switch (i.type) {
      case "single":
        out[i.id] = { type: "single", optionId: i.options.find((o) => o.correct)!.id };
        break;
      case "multiple":
        out[i.id] = { type: "multiple", optionIds: i.options.filter((o) => o.correct).map((o) => o.id) };
        break;
      case "truefalse":
        out[i.id] = { type: "truefalse", value: i.answer };
        break;
      case "numeric":
        out[i.id] = { type: "numeric", value: i.answer };
        break;
      case "ordering":
        out[i.id] = { type: "ordering", order: i.entries.map((e) => e.id) };
        break;
      case "freetext":
        out[i.id] = { type: "freetext", text: "Frozen layers keep their weights; only the head trains." };
        break;
    }
  }
  return out;
}

describeEachDatabase("quiz attempts", ({ db }) => {
  let n = 0;
  async function userActor(): Promise<QuizActor> {
    const u = await db().prisma.user.create({ data: { email: `quiz${++n}-${Date.now()}@attempts.test` }, select: { id: true } });
    return { kind: "user", userId: u.id };
  }
  const guest = (key: string): QuizActor => ({ kind: "guest", guestKeyHash: key.padEnd(64, "0") });
  const t0 = new Date("2026-11-28T10:00:00Z");
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it("an attempt in progress carries no answer key", async () => {
    const view = await startAttempt(await userActor(), { slug: SLUG, mode: "full" }, t0);
    expect(view.items).toHaveLength(items.length);
    const json = JSON.stringify(view);
    const leaked = items.flatMap(collectKeyMaterial).filter((k) => k.kind === "text" && json.includes(k.value));
    expect(leaked).toEqual([]);
    expect(json).not.toMatch(/"(correct|rationale|tolerance|rubric|modelAnswer)"/);
  });

  it("starting twice (a reload, or racing requests) gives one attempt", async () => {
    const actor = await userActor();
    const views = await Promise.all(Array.from({ length: 10 }, () => startAttempt(actor, { slug: SLUG, mode: "full" }, t0)));
    expect(new Set(views.map((v) => v.id)).size).toBe(1);
    expect(await db().prisma.quizAttempt.count({ where: { userId: (actor as { userId: string }).userId } })).toBe(1);
  });

  it("grades on the server; fifty concurrent submits store one result and all report it", async () => {
    const actor = await userActor();
    const view = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0);
    await saveAnswers(actor, view.id, { version: view.answersVersion, answers: rightAnswers(items) }, at(10));
    // The submit body schema strips unknown keys; pass them anyway to show the grade ignores them.
    const tampered = { version: 1, score: 999, isCorrect: true, maxScore: 1 } as never;
    const ok = await Promise.all(Array.from({ length: 50 }, () => submitAttempt(actor, view.id, tampered, at(20))));
    expect(ok).toHaveLength(50);
    expect(new Set(ok.map((r) => r.submittedAt)).size).toBe(1);
    const freeText = items.filter((i) => i.type === "freetext").length;
    for (const r of ok) expect(r.score).toBe(items.length - freeText); // free text awaits its self-grade
    const rows = await db().prisma.quizAttempt.findMany({ where: { id: view.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("submitted");
  });

  it("a client-sent score or unknown item is ignored or refused, never stored", async () => {
    const actor = await userActor();
    const view = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0);
    await expect(
      saveAnswers(actor, view.id, { version: 0, answers: { "no-such-item": { type: "truefalse", value: true } } }, at(1)),
    ).rejects.toThrow(/no item/);
    const result = await submitAttempt(actor, view.id, { version: 0 }, at(2));
    expect(result.score).toBe(0);
  });

  it("a submitted attempt is immutable; a stale tab cannot overwrite newer answers", async () => {
    const actor = await userActor();
    const view = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0);
    const first = items.find((i) => i.type === "truefalse")!;
    const { version } = await saveAnswers(
      actor,
      view.id,
      { version: 0, answers: { [first.id]: { type: "truefalse", value: true } } },
      at(1),
    );
    await expect(
      saveAnswers(actor, view.id, { version: 0, answers: { [first.id]: { type: "truefalse", value: false } } }, at(2)),
    ).rejects.toThrow(/out of date/);
    expect((await getAttemptView(actor, view.id)).answers[first.id]).toEqual({ type: "truefalse", value: true });
    const before = await submitAttempt(actor, view.id, { version }, at(3));
    await expect(
      saveAnswers(actor, view.id, { version, answers: { [first.id]: { type: "truefalse", value: false } } }, at(4)),
    ).rejects.toThrow(/already submitted/);
    const again = await submitAttempt(actor, view.id, { version, answers: rightAnswers(items) }, at(5));
    expect(again.score).toBe(before.score);
    expect(again.submittedAt).toBe(before.submittedAt);
  });

  it("a stale submit is refused like a stale save: nothing graded, the attempt stays open (decision 005)", async () => {
    const actor = await userActor();
    const view = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0);
    const tf = items.find((i) => i.type === "truefalse")!;
    const { version } = await saveAnswers(actor, view.id, { version: 0, answers: { [tf.id]: { type: "truefalse", value: true } } }, at(1));
    expect(version).toBe(1);
    // The request: submit at version 0 with other answers after the save moved it to 1.
    for (const stale of [0, 2, 99]) {
      await expect(submitAttempt(actor, view.id, { version: stale, answers: rightAnswers(items) }, at(2))).rejects.toMatchObject({
        code: "conflict",
      });
    }
    const still = await db().prisma.quizAttempt.findUniqueOrThrow({ where: { id: view.id } });
    expect(still.status).toBe("in_progress");
    expect(still.score).toBeNull();
    expect((still.answers as Record<string, unknown>)[tf.id]).toEqual({ type: "truefalse", value: true });
    // A save racing the submit: whichever lands second on the same version loses with a conflict, never a silent overwrite.
    const wrong = { [tf.id]: { type: "truefalse", value: false } };
    const [save, submit] = await Promise.allSettled([
      saveAnswers(actor, view.id, { version, answers: wrong }, at(3)),
      submitAttempt(actor, view.id, { version, answers: rightAnswers(items) }, at(3)),
    ]);
    expect([save.status, submit.status].sort()).toEqual(["fulfilled", "rejected"]);
    const after = await db().prisma.quizAttempt.findUniqueOrThrow({ where: { id: view.id } });
    if (submit.status === "fulfilled") expect(after.status).toBe("submitted");
    else {
      expect(after.status).toBe("in_progress");
      expect(after.answersVersion).toBe(version + 1);
      const ok = await submitAttempt(actor, view.id, { version: version + 1 }, at(4));
      expect(ok.status).toBe("submitted");
    }
  });

  it("a candidate cannot ask for authored order; a server-side fixed item order still shuffles options", async () => {
    const actor = await userActor();
    expect(StartAttemptSchema.safeParse({ slug: SLUG, shuffle: false }).success).toBe(false);
    expect(StartAttemptSchema.safeParse({ slug: SLUG, shuffle: true }).success).toBe(true);
    const fixed = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0, "fixed");
    expect(fixed.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    const row = await db().prisma.quizAttempt.findUniqueOrThrow({ where: { id: fixed.id } });
    expect(row.shuffle).toBe(false);
    // The option order is the seeded shuffle of the stored seed, never the authored order as such.
    for (const shown of fixed.items) {
      const item = items.find((i) => i.id === shown.id)!;
      expect(shown).toMatchObject(presentItem(item, row.seed));
    }
  });

  it("another user or a guest cannot see or touch an attempt: it reads as not found", async () => {
    const owner = await userActor();
    const other = await userActor();
    const view = await startAttempt(owner, { slug: SLUG, mode: "full" }, t0);
    for (const actor of [other, guest("intruder")]) {
      await expect(getAttemptView(actor, view.id)).rejects.toThrow("That attempt was not found.");
      await expect(saveAnswers(actor, view.id, { version: 0, answers: {} }, at(1))).rejects.toThrow("That attempt was not found.");
      await expect(submitAttempt(actor, view.id, { version: 0 }, at(1))).rejects.toThrow("That attempt was not found.");
    }
    expect((await getAttemptView(owner, view.id)).status).toBe("in_progress");
  });

  it("timed: answers count up to the deadline, a submit in the grace period closes normally, later is overdue", async () => {
    const actor = await userActor();
    const tf = items.find((i) => i.type === "truefalse")!;
    const view = await startAttempt(actor, { slug: SLUG, mode: "full", timeLimitMinutes: 1 }, t0);
    expect(view.deadline).toBe(at(60).toISOString());
    const { version } = await saveAnswers(
      actor,
      view.id,
      { version: 0, answers: { [tf.id]: { type: "truefalse", value: tf.answer } } },
      at(59),
    );
    await expect(
      saveAnswers(actor, view.id, { version, answers: { [tf.id]: { type: "truefalse", value: !tf.answer } } }, at(61)),
    ).rejects.toThrow(/Time is up/);
    // Final answers sent with a submit after the deadline are not counted either.
    const result = await submitAttempt(actor, view.id, { version, answers: rightAnswers(items) }, at(63));
    expect(result.overdue).toBe(false);
    expect(result.score).toBe(1);

    const late = await startAttempt(await userActor(), { slug: SLUG, mode: "full", timeLimitMinutes: 1 }, t0);
    const lateActor = {
      kind: "user",
      userId: (await db().prisma.quizAttempt.findUnique({ where: { id: late.id } }))!.userId!,
    } as QuizActor;
    expect((await submitAttempt(lateActor, late.id, { version: 0 }, at(66))).overdue).toBe(true);
  });

  it("free text is self-graded once after submit; retry-my-mistakes and the review queue follow", async () => {
    const actor = await userActor();
    const view = await startAttempt(actor, { slug: SLUG, mode: "full" }, t0);
    const answers = rightAnswers(items);
    const wrongOne = items.find((i) => i.type === "truefalse")!;
    answers[wrongOne.id] = { type: "truefalse", value: !(wrongOne as { answer: boolean }).answer };
    await saveAnswers(actor, view.id, { version: 0, answers }, at(5));
    await submitAttempt(actor, view.id, { version: 1 }, at(6));
    const ft = items.find((i) => i.type === "freetext");
    let review = await getAttemptResult(actor, view.id);
    if (ft && ft.type === "freetext") {
      review = await selfGradeFreeText(actor, view.id, { itemId: ft.id, ticked: ft.rubric.map((_, i) => i) }, at(7));
      await expect(selfGradeFreeText(actor, view.id, { itemId: ft.id, ticked: [] }, at(8))).rejects.toThrow(/already self-graded/);
    }
    expect(review.score).toBe(items.length - 1);
    const wrongReview = review.items.find((i) => i.id === wrongOne.id)!;
    expect(wrongReview.result.correct).toBe("wrong");
    expect(await getMistakeItemIds(actor, SLUG)).toEqual([wrongOne.id]);

    const retry = await startAttempt(actor, { slug: SLUG, mode: "mistakes" }, at(10));
    expect(retry.items.map((i) => i.id)).toEqual([wrongOne.id]);
    const queue = await getReviewQueue((actor as { userId: string }).userId, at(60 * 60 * 24 * 30));
    expect(queue[0]?.itemIds).toContain(wrongOne.id);
  });
});
