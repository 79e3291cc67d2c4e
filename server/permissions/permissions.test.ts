import { afterEach, describe, expect, it, vi } from "vitest";
import { anonymousActor, authorize, can, scopeIdsWhere, scopeNotFound, type Actor, type ScopedRole } from "@/server/permissions";
import { ACCESS, CAPABILITY_GRANTS, SCOPE_TYPES, type ScopeType } from "@/server/permissions/table";

/**
 * The whole role × action table, written out here a second time on purpose: a change to the table in
 * server/permissions/table.ts must be made here too, deliberately. Every cell is checked, for every
 * role of every scope kind and every action of every kind (an action of the other kind is never allowed).
 */
const Y = true;
const N = false;
const EXPECTED: Record<ScopeType, Record<string, Record<string, boolean>>> = {
  set: {
    "set.read": { owner: Y, viewer: Y, candidate: Y },
    "set.update": { owner: Y, viewer: N, candidate: N },
    "set.delete": { owner: Y, viewer: N, candidate: N },
    "set.share": { owner: Y, viewer: N, candidate: N },
    "set.members.manage": { owner: Y, viewer: N, candidate: N },
    "set.results.read": { owner: Y, viewer: Y, candidate: N },
    "set.attempt.start": { owner: N, viewer: N, candidate: Y },
  },
  cohort: {
    "cohort.read": { owner: Y, instructor: Y, student: Y, invitee: N },
    "cohort.update": { owner: Y, instructor: N, student: N, invitee: N },
    "cohort.delete": { owner: Y, instructor: N, student: N, invitee: N },
    "cohort.invite": { owner: Y, instructor: Y, student: N, invitee: N },
    "cohort.members.manage": { owner: Y, instructor: N, student: N, invitee: N },
    "cohort.students.remove": { owner: Y, instructor: Y, student: N, invitee: N },
    "cohort.assignments.manage": { owner: Y, instructor: Y, student: N, invitee: N },
    "cohort.attempt.start": { owner: N, instructor: N, student: Y, invitee: N },
    "cohort.progress.read": { owner: Y, instructor: Y, student: N, invitee: N },
    "cohort.join": { owner: N, instructor: N, student: N, invitee: Y },
  },
};

const rolesOf = (t: ScopeType): string[] => [...ACCESS[t].membershipRoles, ...ACCESS[t].linkRoles];
const actionsOf = (t: ScopeType): string[] => Object.keys(ACCESS[t].actions);

function actorWith(role: string, scopeType: ScopeType, scopeId: string, via: "membership" | "link" = "membership"): Actor {
  const r = (via === "link" ? { scopeType, scopeId, role, via, linkId: "l1" } : { scopeType, scopeId, role, via }) as ScopedRole;
  return { kind: "user", userId: "u1", roles: [r] };
}

afterEach(() => vi.restoreAllMocks());

describe("the role × action table", () => {
  it("names the same roles and actions as this test", () => {
    for (const t of SCOPE_TYPES) {
      expect(Object.keys(EXPECTED[t]).sort()).toEqual(actionsOf(t).sort());
      for (const a of actionsOf(t)) expect(Object.keys(EXPECTED[t][a]!).sort()).toEqual(rolesOf(t).sort());
    }
    expect(SCOPE_TYPES.sort()).toEqual(["cohort", "set"]);
  });

  for (const t of SCOPE_TYPES) {
    for (const role of rolesOf(t)) {
      const via = (ACCESS[t].linkRoles as readonly string[]).includes(role) ? "link" : "membership";
      it(`${t} ${role} (${via}): exactly the expected actions, in its own scope only`, () => {
        vi.spyOn(process.stdout, "write").mockImplementation(() => true);
        const actor = actorWith(role, t, "s1", via);
        for (const other of SCOPE_TYPES) {
          for (const action of actionsOf(other)) {
            const expected = other === t ? EXPECTED[t][action]![role]! : false;
            expect({ action, allowed: can(actor, { type: other, id: "s1" }, action as never) }).toEqual({
              action,
              allowed: expected,
            });
            // The same role in another scope of the same kind allows nothing there.
            expect(can(actor, { type: other, id: "s2" }, action as never)).toBe(false);
            if (expected) expect(() => authorize(actor, { type: t, id: "s1" }, action as never)).not.toThrow();
            else expect(() => authorize(actor, { type: other, id: "s1" }, action as never)).toThrow(scopeNotFound(other).message);
          }
        }
      });
    }
  }
});

describe("the check", () => {
  it("denies with exactly the scope's not-found error, and logs the denial", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    let caught: unknown;
    try {
      authorize(anonymousActor(), { type: "set", id: "s9" }, "set.read");
    } catch (e) {
      caught = e;
    }
    const missing = scopeNotFound("set");
    expect(caught).toMatchObject({ name: "DataError", code: "not-found", message: missing.message });
    expect(missing.message).toBe("That set was not found.");
    expect(String(write.mock.calls[0]?.[0])).toMatch(/"event":"authz.denied".*"scope":"set:s9".*"action":"set.read"/);
  });

  it("a guest or anonymous actor with no roles may do nothing", () => {
    const guest: Actor = { kind: "guest", guestKeyHash: "h", roles: [] };
    for (const t of SCOPE_TYPES) {
      for (const a of actionsOf(t)) {
        expect(can(guest, { type: t, id: "x" }, a as never)).toBe(false);
        expect(can(anonymousActor(), { type: t, id: "x" }, a as never)).toBe(false);
      }
    }
  });

  it("a role of unknown name, or an action of no kind, allows nothing", () => {
    const actor = actorWith("admin", "set", "s1");
    for (const a of actionsOf("set")) expect(can(actor, { type: "set", id: "s1" }, a as never)).toBe(false);
    expect(can(actorWith("owner", "set", "s1"), { type: "set", id: "s1" }, "set.everything" as never)).toBe(false);
  });

  it("lists the scopes in which an action is allowed, once each", () => {
    const actor: Actor = {
      kind: "user",
      userId: "u",
      roles: [
        { scopeType: "set", scopeId: "a", role: "owner", via: "membership" },
        { scopeType: "set", scopeId: "b", role: "viewer", via: "membership" },
        { scopeType: "set", scopeId: "b", role: "candidate", via: "link", linkId: "l" },
        { scopeType: "cohort", scopeId: "a", role: "owner", via: "membership" },
      ],
    };
    expect(scopeIdsWhere(actor, "set", "set.read").sort()).toEqual(["a", "b"]);
    expect(scopeIdsWhere(actor, "set", "set.update")).toEqual(["a"]);
    expect(scopeIdsWhere(actor, "set", "set.attempt.start")).toEqual(["b"]);
    expect(scopeIdsWhere(actor, "cohort", "cohort.join")).toEqual([]);
  });

  it("every capability grant confers a link role of its own scope kind", () => {
    for (const g of Object.values(CAPABILITY_GRANTS)) {
      expect(ACCESS[g.scopeType].linkRoles as readonly string[]).toContain(g.role);
      expect(ACCESS[g.scopeType].membershipRoles as readonly string[]).not.toContain(g.role);
    }
  });
});
