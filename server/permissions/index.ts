import "server-only";
import { notFound, type DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { roleAllows, type Action, type Role, type ScopeType } from "@/server/permissions/table";

/**
 * The one check (docs/ACCESS.md). Every data function that touches a shared resource (a set, a cohort,
 * and whatever lives in their scope) calls `authorize(actor, scope, action)` before it reads or writes;
 * a denial throws exactly the error a missing resource throws, so ids cannot be probed. Own rows
 * (a candidate's personal attempts, progress, tokens) stay `where owner = actor`, as before.
 */

export type { Action, CapabilityGrant, MembershipRole, LinkRole, Role, ScopeType } from "@/server/permissions/table";

/** One scope of shared work: a set or a cohort, by id. */
export type ScopeRef<S extends ScopeType = ScopeType> = S extends ScopeType ? { type: S; id: string } : never;

/** A role the actor holds in one scope, and where it came from: a membership row, or a capability link presented with this request. */
export type ScopedRole =
  | { scopeType: ScopeType; scopeId: string; role: Role; via: "membership" }
  | { scopeType: ScopeType; scopeId: string; role: Role; via: "link"; linkId: string };

/** Who owns personal rows: a signed-in user, or a guest browser (the SHA-256 of its random cookie). */
export type Owner = { kind: "user"; userId: string } | { kind: "guest"; guestKeyHash: string };

/**
 * Who is asking, with every role it holds for this request: a user's memberships (loaded once per
 * request with the viewer), plus what a capability link presented with the request grants. An
 * anonymous actor owns nothing and holds only link roles.
 */
export type Actor = (Owner | { kind: "anonymous" }) & { readonly roles: readonly ScopedRole[] };

const NOUNS: Record<ScopeType, string> = { set: "That set", cohort: "That cohort" };

/** What a missing scope reads as; a denial reads the same. */
export function scopeNotFound(type: ScopeType): DataError {
  return notFound(NOUNS[type]);
}

/** Whether the actor may take `action` in `scope`. Prefer `authorize` in data functions; `can` is for choosing what to show. */
export function can<S extends ScopeType>(actor: Actor, scope: { type: S; id: string }, action: Action<S>): boolean {
  return actor.roles.some((r) => r.scopeType === scope.type && r.scopeId === scope.id && roleAllows(scope.type, r.role, action));
}

/** Throws the scope's "not found" unless the actor may take `action` in `scope`; the denial is logged, never shown. */
export function authorize<S extends ScopeType>(actor: Actor, scope: { type: S; id: string }, action: Action<S>): void {
  if (can(actor, scope, action)) return;
  logEvent("authz.denied", { actor: describeActor(actor), scope: `${scope.type}:${scope.id}`, action, outcome: "denied" });
  throw scopeNotFound(scope.type);
}

/** The ids of the scopes of one kind in which the actor may take `action` (for lists: "my sets"). */
export function scopeIdsWhere<S extends ScopeType>(actor: Actor, type: S, action: Action<S>): string[] {
  const ids = actor.roles.filter((r) => r.scopeType === type && roleAllows(type, r.role, action)).map((r) => r.scopeId);
  return [...new Set(ids)];
}

/** The owner of the actor's personal rows, or null for an anonymous actor. */
export function ownerOf(actor: Actor): Owner | null {
  if (actor.kind === "user") return { kind: "user", userId: actor.userId };
  if (actor.kind === "guest") return { kind: "guest", guestKeyHash: actor.guestKeyHash };
  return null;
}

export const anonymousActor = (): Actor => ({ kind: "anonymous", roles: [] });

function describeActor(actor: Actor): string {
  return actor.kind === "user" ? actor.userId : actor.kind;
}
