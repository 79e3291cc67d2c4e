import "server-only";

/**
 * The access model's one table (docs/ACCESS.md): for each kind of shared resource, the roles a user can
 * hold in one of its scopes, and the actions each role may take. Membership roles live in the
 * `memberships` table; link roles are never stored on a user: a capability link (share link, invite)
 * confers one for as long as the link is valid, and only to the request that presents it.
 */
export const ACCESS = {
  set: {
    membershipRoles: ["owner", "viewer"],
    linkRoles: ["candidate"],
    actions: {
      /** See the set: its title, its questions. */
      "set.read": ["owner", "viewer", "candidate"],
      "set.update": ["owner"],
      "set.delete": ["owner"],
      /** Create and revoke the set's share links. */
      "set.share": ["owner"],
      /** Add and remove the set's other members (viewers). */
      "set.members.manage": ["owner"],
      /** Read the attempts candidates made in the set's context. */
      "set.results.read": ["owner", "viewer"],
      /** Start an attempt in the set's context (the candidate's own). */
      "set.attempt.start": ["candidate"],
    },
  },
  cohort: {
    membershipRoles: ["owner", "instructor", "student"],
    linkRoles: ["invitee"],
    actions: {
      "cohort.read": ["owner", "instructor", "student"],
      "cohort.update": ["owner"],
      "cohort.delete": ["owner"],
      /** Create and revoke invite links and codes. */
      "cohort.invite": ["owner", "instructor"],
      /** Change roles, remove members. */
      "cohort.members.manage": ["owner"],
      /** Remove a student from the cohort (instructors may; other members only through members.manage). */
      "cohort.students.remove": ["owner", "instructor"],
      /** Create, edit and close assignments. */
      "cohort.assignments.manage": ["owner", "instructor"],
      /** Start an attempt in an assignment's context (the student's own). */
      "cohort.attempt.start": ["student"],
      /** Read the students' progress and attempts in the cohort's context. */
      "cohort.progress.read": ["owner", "instructor"],
      /** Become a student of the cohort (redeeming an invite). */
      "cohort.join": ["invitee"],
    },
  },
} as const satisfies Record<
  string,
  { membershipRoles: readonly string[]; linkRoles: readonly string[]; actions: Record<string, readonly string[]> }
>;

type Access = typeof ACCESS;
export type ScopeType = keyof Access;
export type MembershipRole<S extends ScopeType = ScopeType> = S extends ScopeType ? Access[S]["membershipRoles"][number] : never;
export type LinkRole<S extends ScopeType = ScopeType> = S extends ScopeType ? Access[S]["linkRoles"][number] : never;
export type Role<S extends ScopeType = ScopeType> = MembershipRole<S> | LinkRole<S>;
export type Action<S extends ScopeType = ScopeType> = S extends ScopeType ? keyof Access[S]["actions"] & string : never;

/**
 * What a capability link can grant, by name (the `grant` column): the scope kind it is for and the
 * link role it confers. Adding a kind of link is one line here.
 */
export const CAPABILITY_GRANTS = {
  "set-candidate": { scopeType: "set", role: "candidate" },
  "cohort-join": { scopeType: "cohort", role: "invitee" },
} as const satisfies Record<string, { [S in ScopeType]: { scopeType: S; role: LinkRole<S> } }[ScopeType]>;
export type CapabilityGrant = keyof typeof CAPABILITY_GRANTS;

export const SCOPE_TYPES = Object.keys(ACCESS) as ScopeType[];

/** Whether `role` may take `action` in a scope of kind `scopeType` (false for a role or action of another kind). */
export function roleAllows(scopeType: ScopeType, role: string, action: string): boolean {
  const roles = (ACCESS[scopeType].actions as Record<string, readonly string[]>)[action];
  return roles?.includes(role) ?? false;
}

export function isMembershipRole<S extends ScopeType>(scopeType: S, role: string): role is MembershipRole<S> {
  return (ACCESS[scopeType].membershipRoles as readonly string[]).includes(role);
}

export function isScopeType(value: string): value is ScopeType {
  return Object.hasOwn(ACCESS, value);
}

export function isCapabilityGrant(value: string): value is CapabilityGrant {
  return Object.hasOwn(CAPABILITY_GRANTS, value);
}
