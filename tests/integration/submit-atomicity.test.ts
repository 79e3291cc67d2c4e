import { expect, it } from "vitest";
import { saveAnswers, startAttempt, submitAttempt } from "@/server/data/attempts";
import { getAttemptView } from "@/server/data/attempt-views";
import { describeEachDatabase } from "./support/databases";
import { actorOf, createUser } from "./support/users";

// A submit is all or nothing (issue 14): the graded result and the review cards it schedules commit together.
// The failure is injected in the real database — a trigger that refuses review-card writes — after grading.
describeEachDatabase("submit atomicity", ({ db }) => {
  const fail = `CREATE FUNCTION layerwise_fail_cards() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER layerwise_fail_cards BEFORE INSERT OR UPDATE ON review_cards FOR EACH ROW EXECUTE FUNCTION layerwise_fail_cards();`;
  const heal = `DROP TRIGGER layerwise_fail_cards ON review_cards; DROP FUNCTION layerwise_fail_cards();`;

  it("a failure after grading leaves nothing half-written, and the retry completes every write", async () => {
    const viewer = await createUser();
    const actor = actorOf(viewer);
    const view = await startAttempt(actor, { slug: "layer-freezing", mode: "full" });
    const { version } = await saveAnswers(actor, view.id, { version: view.answersVersion, answers: {} });

    await db().sql.exec(fail);
    try {
      await expect(submitAttempt(actor, view.id, { version })).rejects.toThrow(/injected failure/);
    } finally {
      await db().sql.exec(heal);
    }
    // Nothing of the failed submit is stored: still open, no result, no cards.
    expect((await getAttemptView(actor, view.id)).status).toBe("in_progress");
    const row = await db().prisma.quizAttempt.findUniqueOrThrow({ where: { id: view.id }, select: { score: true, submittedAt: true } });
    expect(row).toEqual({ score: null, submittedAt: null });
    expect(await db().prisma.reviewCard.count({ where: { userId: viewer.id } })).toBe(0);

    // The retry (same version) grades and writes everything; a card per machine-graded item.
    const result = await submitAttempt(actor, view.id, { version });
    expect(result.status).toBe("submitted");
    const graded = result.items.filter((i) => i.type !== "freetext").length;
    expect(await db().prisma.reviewCard.count({ where: { userId: viewer.id } })).toBe(graded);
    expect(graded).toBeGreaterThan(0);
  });
});
