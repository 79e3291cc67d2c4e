import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import { closeAttempt, startAttempt, startAttemptInContext, submitAttempt } from "@/server/data/attempts";
import { findOpenAttempt, listContextAttempts } from "@/server/data/attempt-views";
import { importGuestData } from "@/server/data/guest-import";
import { anonymousActor, scopeNotFound, type Actor, type ScopeRef } from "@/server/permissions";
import {
  consumeCapability,
  createCapabilityLink,
  listCapabilityLinks,
  resolveCapability,
  revokeCapabilityLink,
  withCapability,
} from "@/server/permissions/capabilities";
import { createScopeOwner, removeMembership, setMembership } from "@/server/permissions/memberships";
import { migrate, readMigrations } from "@/server/migrate";
import { describeEachDatabase } from "./support/databases";
import { actorOf, createUser, reloadViewer } from "./support/users";

const SLUG = "layer-freezing";
const START = { slug: SLUG, mode: "full", shuffle: true } as const;
let setCounter = 0;

/** A set scope owned by a new user (the sets module will create the set row in the same transaction). */
async function ownedSet(): Promise<{ scope: ScopeRef<"set">; owner: Actor }> {
  const viewer = await createUser();
  const scope = { type: "set", id: `set_${++setCounter}_${Date.now()}` } as const;
  const prisma = await getPrisma();
  await prisma.$transaction((tx) => createScopeOwner(tx, scope, viewer.id));
  return { scope, owner: actorOf(await reloadViewer(viewer)) };
}

const guest = (key: string): Actor & { kind: "guest" } => ({ kind: "guest", guestKeyHash: key.padEnd(64, "0"), roles: [] });

describeEachDatabase("access model", () => {
  it("an attempt in a set's context starts while a personal attempt on the same question is open", async () => {
    const { scope, owner } = await ownedSet();
    const { token } = await createCapabilityLink(owner, scope, "set-candidate");
    const candidate = actorOf(await createUser());
    const personal = await startAttempt(candidate, START);
    const asCandidate = withCapability(candidate, await resolveCapability(token));
    const inSet = await startAttemptInContext(asCandidate, scope, START);
    expect(inSet.id).not.toBe(personal.id);
    // Each context still has one open attempt: starting again (also racing) resumes it.
    const again = await Promise.all(Array.from({ length: 5 }, () => startAttemptInContext(asCandidate, scope, START)));
    expect(new Set(again.map((v) => v.id))).toEqual(new Set([inSet.id]));
    expect((await startAttempt(candidate, START)).id).toBe(personal.id);
    expect((await findOpenAttempt(candidate, SLUG))?.id).toBe(personal.id);
    expect((await findOpenAttempt(candidate, SLUG, new Date(), scope))?.id).toBe(inSet.id);
    const prisma = await getPrisma();
    const rows = await prisma.quizAttempt.findMany({
      where: { userId: candidate.userId },
      select: { id: true, contextType: true, contextId: true },
    });
    expect(rows.sort((a, b) => a.contextType.localeCompare(b.contextType))).toEqual([
      { id: personal.id, contextType: "personal", contextId: null },
      { id: inSet.id, contextType: "set", contextId: scope.id },
    ]);
  });

  it("the database refuses a second open attempt in the same context, and a context id on a personal attempt", async () => {
    const { scope, owner } = await ownedSet();
    const { token } = await createCapabilityLink(owner, scope, "set-candidate");
    const candidate = withCapability(actorOf(await createUser()), await resolveCapability(token));
    const view = await startAttemptInContext(candidate, scope, START);
    const prisma = await getPrisma();
    const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: view.id } });
    const { id: _id, ...copy } = row;
    const data = { ...copy, itemsSnapshot: [], answers: {}, selfGrades: {}, results: undefined };
    await expect(prisma.quizAttempt.create({ data })).rejects.toMatchObject({ code: "P2002" });
    await expect(prisma.quizAttempt.create({ data: { ...data, contextType: "personal" } })).rejects.toThrow(/quiz_attempts_context_check/);
    // A different question in the same set is a different open attempt.
    await expect(prisma.quizAttempt.create({ data: { ...data, questionSlug: "other" } })).resolves.toMatchObject({ contextId: scope.id });
  });

  it("a revoked capability grants nothing on its next request", async () => {
    const { scope, owner } = await ownedSet();
    const { token, link } = await createCapabilityLink(owner, scope, "set-candidate");
    const before = await resolveCapability(token);
    expect(before).toEqual({ linkId: link.id, scope, grant: "set-candidate", role: "candidate" });
    const g = guest("link-browser");
    await startAttemptInContext(withCapability(g, before), scope, START);

    await revokeCapabilityLink(owner, scope, link.id);
    // The next request presents the same token: it resolves to nothing, and the actor holds no role in the set.
    const after = await resolveCapability(token);
    expect(after).toBeNull();
    const next = withCapability(guest("link-browser"), after);
    expect(next.roles).toEqual([]);
    const denied = await startAttemptInContext(next, scope, START).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(DataError);
    expect((denied as DataError).message).toBe(scopeNotFound("set").message);
    // A fresh candidate with the revoked link cannot start either, and revoking twice reads as not found.
    await expect(startAttemptInContext(withCapability(guest("late"), await resolveCapability(token)), scope, START)).rejects.toThrow(
      "That set was not found.",
    );
    await expect(revokeCapabilityLink(owner, scope, link.id)).rejects.toThrow("That link was not found.");
  });

  it("a link grants exactly its role in its one scope: not the owner's actions, not another set", async () => {
    const a = await ownedSet();
    const b = await ownedSet();
    const { token } = await createCapabilityLink(a.owner, a.scope, "set-candidate");
    const candidate = withCapability(actorOf(await createUser()), await resolveCapability(token));
    await expect(startAttemptInContext(candidate, b.scope, START)).rejects.toThrow("That set was not found.");
    await expect(listContextAttempts(candidate, a.scope)).rejects.toThrow("That set was not found.");
    await expect(createCapabilityLink(candidate, a.scope, "set-candidate")).rejects.toThrow("That set was not found.");
    await expect(listCapabilityLinks(candidate, a.scope)).rejects.toThrow("That set was not found.");
    // The owner of another set is a stranger here; denial reads like a set that does not exist.
    await expect(listContextAttempts(b.owner, a.scope)).rejects.toThrow(scopeNotFound("set").message);
    await expect(listContextAttempts(b.owner, { type: "set", id: "no-such-set" })).rejects.toThrow(scopeNotFound("set").message);
    // A link of the wrong kind for the scope is refused.
    await expect(createCapabilityLink(a.owner, a.scope, "cohort-join")).rejects.toThrow(/cannot be made for a set/);
    // Malformed or unknown tokens resolve to nothing.
    expect(await resolveCapability("x")).toBeNull();
    expect(await resolveCapability("A".repeat(43))).toBeNull();
  });

  it("the owner and a viewer read the set's attempts; a viewer cannot share; the last owner cannot leave", async () => {
    const { scope, owner } = await ownedSet();
    const { token } = await createCapabilityLink(owner, scope, "set-candidate");
    const cand = await createUser({ name: "Cand" });
    const attempt = await startAttemptInContext(withCapability(actorOf(cand), await resolveCapability(token)), scope, START);
    // A set attempt is closed by the set's module (closeAttempt); its full review never goes out through submitAttempt.
    await closeAttempt(actorOf(cand), attempt.id, { version: attempt.answersVersion });
    await expect(submitAttempt(actorOf(cand), attempt.id, { version: attempt.answersVersion })).rejects.toThrow(
      "That attempt was not found.",
    );
    const g = guest("anon-candidate");
    await startAttemptInContext(withCapability(g, await resolveCapability(token)), scope, START);

    const viewerUser = await createUser();
    await setMembership(owner, scope, viewerUser.id, "viewer");
    const viewer = actorOf(await reloadViewer(viewerUser));
    for (const reader of [owner, viewer]) {
      const list = await listContextAttempts(reader, scope);
      expect(list.map((r) => [r.status, r.owner.kind === "user" ? r.owner.name : "guest"]).sort()).toEqual([
        ["in_progress", "guest"],
        ["submitted", "Cand"],
      ]);
    }
    await expect(createCapabilityLink(viewer, scope, "set-candidate")).rejects.toThrow("That set was not found.");
    await expect(setMembership(viewer, scope, viewerUser.id, "owner")).rejects.toThrow("That set was not found.");
    await expect(removeMembership(owner, scope, owner.kind === "user" ? owner.userId : "")).rejects.toThrow(/last owner/);
    // Memberships are read per request: a removed viewer loses access on the next one.
    await removeMembership(owner, scope, viewerUser.id);
    await expect(listContextAttempts(actorOf(await reloadViewer(viewerUser)), scope)).rejects.toThrow("That set was not found.");
    // A candidate's personal attempts stay personal: the owner sees only the set's context.
    await startAttempt(actorOf(cand), START);
    expect(await listContextAttempts(owner, scope)).toHaveLength(2);
  });

  it("an expired link grants nothing; a use-limited link is consumed at most maxUses times, even racing", async () => {
    const { scope, owner } = await ownedSet();
    const now = new Date();
    const expired = await createCapabilityLink(owner, scope, "set-candidate", { expiresAt: new Date(now.getTime() - 1000) });
    expect(await resolveCapability(expired.token)).toBeNull();
    const limited = await createCapabilityLink(owner, scope, "set-candidate", { maxUses: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeCapability(limited.link.id)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await resolveCapability(limited.token)).toBeNull();
    const links = await listCapabilityLinks(owner, scope);
    expect(links.find((l) => l.id === limited.link.id)).toMatchObject({ uses: 3, maxUses: 3 });
  });

  it("an anonymous request holding a link can read but owns nothing, so cannot start an attempt", async () => {
    const { scope, owner } = await ownedSet();
    const { token } = await createCapabilityLink(owner, scope, "set-candidate");
    const anon = withCapability(anonymousActor(), await resolveCapability(token));
    expect(anon.roles).toHaveLength(1);
    await expect(startAttemptInContext(anon, scope, START)).rejects.toThrow("That set was not found.");
  });

  it("claiming guest attempts keeps one open attempt per question and context", async () => {
    const { scope, owner } = await ownedSet();
    const { token } = await createCapabilityLink(owner, scope, "set-candidate");
    const cap = await resolveCapability(token);
    const user = actorOf(await createUser());
    await startAttempt(user, START);
    const g = guest("claim-browser");
    await startAttempt(g, START);
    const guestInSet = await startAttemptInContext(withCapability(g, cap), scope, START);
    // The guest's personal open attempt collides with the user's; the one in the set does not.
    expect((await importGuestData(user.userId, g.guestKeyHash)).attempts).toBe(1);
    expect((await findOpenAttempt(user, SLUG, new Date(), scope))?.id).toBe(guestInSet.id);
  });
});

describe("the access-model migration", () => {
  it("makes every existing attempt personal and keeps one open attempt per owner and question", async () => {
    const db = await PGlite.create();
    const sql = { exec: async (s: string) => void (await db.exec(s)), query: async <T>(s: string) => (await db.query<T>(s)).rows };
    const all = readMigrations();
    const at = all.findIndex((m) => m.name === "20261202010000_access_model");
    await migrate(sql, all.slice(0, at));
    await db.exec(`INSERT INTO users (id, email, updated_at) VALUES ('u1', 'u1@m.test', now());
      INSERT INTO quiz_attempts (id, user_id, question_slug, items_snapshot, seed) VALUES ('a1', 'u1', 'q', '[]', 1);
      INSERT INTO quiz_attempts (id, guest_key_hash, question_slug, items_snapshot, seed) VALUES ('a2', 'g', 'q', '[]', 1);`);
    await migrate(sql, all.slice(0, at + 1));
    const rows = await db.query("SELECT id, context_type, context_id FROM quiz_attempts ORDER BY id");
    expect(rows.rows).toEqual([
      { id: "a1", context_type: "personal", context_id: null },
      { id: "a2", context_type: "personal", context_id: null },
    ]);
    await expect(
      db.exec(`INSERT INTO quiz_attempts (id, user_id, question_slug, items_snapshot, seed) VALUES ('a3', 'u1', 'q', '[]', 1)`),
    ).rejects.toThrow(/quiz_attempts_one_open_per_user/);
    await expect(
      db.exec(`INSERT INTO quiz_attempts (id, guest_key_hash, question_slug, items_snapshot, seed) VALUES ('a4', 'g', 'q', '[]', 1)`),
    ).rejects.toThrow(/quiz_attempts_one_open_per_guest/);
    await db.exec(`INSERT INTO quiz_attempts (id, user_id, question_slug, items_snapshot, seed, context_type, context_id)
      VALUES ('a5', 'u1', 'q', '[]', 1, 'set', 's1')`);
    await db.close();
  });
});
