/**
 * The access-control matrix: one row for every route handler, page and server action the app has
 * (tests/security/inventory.ts reads them from the filesystem; inventory.test.ts fails on a route without a
 * row, or a row without a route). Each row says who may use it; the suites derive every actor's expected
 * outcome from that and check it: the JSON API in-process (api-matrix.test.ts), pages and server actions
 * over HTTP against the production server (http.spec.ts).
 *
 * Actors (issue 14): anonymous, guest (a browser with a guest cookie), candidate (a signed-in user who owns
 * the attempt), another candidate, the set's owner, a viewer member of the set, another manager (owns a
 * set of their own), a candidate through the set's share link, and the same link after it was revoked;
 * a revoked API token stands for a dead credential on the API. Cohort actors (instructor, another
 * instructor, student, removed student) join when the cohort routes land (COHORT_ACTORS below).
 */
export const API_ACTORS = ["anonymous", "revokedToken", "candidate", "otherCandidate", "setOwner", "setViewer", "otherManager"] as const;
export type ApiActor = (typeof API_ACTORS)[number];
export const PAGE_ACTORS = [
  "anonymous",
  "guest",
  "candidate",
  "otherCandidate",
  "setOwner",
  "otherManager",
  "linkCandidate",
  "revokedLink",
] as const;
export type PageActor = (typeof PAGE_ACTORS)[number];
/** Ready for issue 11's routes: a cohort's owner/instructor, an instructor of another cohort, a student, a removed student. */
export const COHORT_ACTORS = ["cohortInstructor", "otherInstructor", "student", "removedStudent"] as const;

/**
 * Who may call an API route:
 * - open: everyone, credentials ignored (the health probe is not an API route);
 * - public: everyone (a dead credential is still a 401: a client must learn its token is dead);
 * - signed-in: every signed-in user, on their own data (the route takes no id of someone else's);
 * - attempt-owner: the candidate whose attempt it is; everyone else signed in gets the unknown-id 404;
 * - set-owner / set-reader: the set's owner (and its viewers); everyone else signed in gets the unknown-id 404;
 * - delegated: its actor matrix needs a world this file's does not build (a cohort with its owner, instructor, another
 *   instructor, student, another student and removed student; a submitted set attempt to grade) and runs in the
 *   integration test DELEGATED names (inventory.test.ts checks every such route is named in that test);
 * - http: not callable in-process (Auth.js, the share-link exchange): covered by http.spec.ts.
 */
export type ApiAccess = "open" | "public" | "signed-in" | "attempt-owner" | "set-owner" | "set-reader" | "delegated" | "http";

export const API_ROUTES: Record<string, ApiAccess> = {
  "GET /api/auth/[...nextauth]": "http",
  "POST /api/auth/[...nextauth]": "http",
  "GET /api/health": "open",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/questions": "public",
  "GET /api/v1/questions/[slug]": "public",
  "GET /api/v1/me": "signed-in",
  "DELETE /api/v1/me": "signed-in",
  "GET /api/v1/me/export": "signed-in",
  "POST /api/v1/attempts": "signed-in",
  "GET /api/v1/attempts/[id]": "attempt-owner",
  "PUT /api/v1/attempts/[id]/answers": "attempt-owner",
  "POST /api/v1/attempts/[id]/self-grade": "attempt-owner",
  "POST /api/v1/attempts/[id]/submit": "attempt-owner",
  "GET /api/v1/sets": "signed-in",
  "POST /api/v1/sets": "signed-in",
  "POST /api/v1/sets/import": "signed-in",
  "GET /api/v1/sets/[id]": "set-reader",
  "PATCH /api/v1/sets/[id]": "set-owner",
  "DELETE /api/v1/sets/[id]": "set-owner",
  "GET /api/v1/sets/[id]/results": "set-reader",
  "GET /api/v1/sets/[id]/results.csv": "set-reader",
  "GET /api/v1/sets/[id]/export": "set-reader",
  "POST /api/v1/sets/[id]/share-link": "set-owner",
  "DELETE /api/v1/sets/[id]/share-link": "set-owner",
  "PUT /api/v1/sets/[id]/grades": "delegated",
  "GET /api/v1/cohorts": "delegated",
  "POST /api/v1/cohorts": "delegated",
  "POST /api/v1/cohorts/join": "delegated",
  "GET /api/v1/cohorts/[id]": "delegated",
  "POST /api/v1/cohorts/[id]/members": "delegated",
  "DELETE /api/v1/cohorts/[id]/members/[userId]": "delegated",
  "GET /api/v1/cohorts/[id]/invites": "delegated",
  "POST /api/v1/cohorts/[id]/invites": "delegated",
  "DELETE /api/v1/cohorts/[id]/invites/[inviteId]": "delegated",
  "GET /api/v1/cohorts/[id]/assignments": "delegated",
  "POST /api/v1/cohorts/[id]/assignments": "delegated",
  "GET /api/v1/cohorts/[id]/assignments/[assignmentId]/submissions": "delegated",
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/submissions": "delegated",
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/extra-time": "delegated",
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts": "delegated",
  "GET /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]": "delegated",
  "PUT /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]": "delegated",
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/submit": "delegated",
  "GET /api/v1/cohorts/[id]/dashboard": "delegated",
  "GET /api/v1/cohorts/[id]/dashboard.csv": "delegated",
  "GET /s/[token]": "http",
};

/** Where a delegated row's matrix runs: route prefix → the integration tests that call it as every actor. */
export const DELEGATED: Record<string, string[]> = {
  "/api/v1/cohorts": ["tests/integration/cohorts.test.ts", "tests/integration/cohort-dashboard.test.ts"],
  "/api/v1/sets/[id]/grades": ["tests/integration/sets-api.test.ts"],
};

export type ApiOutcome = "ok" | "unauthenticated" | "invalid_token" | "not_found";

export function expectedApi(access: Exclude<ApiAccess, "http" | "delegated">, actor: ApiActor): ApiOutcome {
  if (access === "open") return "ok";
  if (actor === "revokedToken") return "invalid_token";
  if (access === "public") return "ok";
  if (actor === "anonymous") return "unauthenticated";
  if (access === "signed-in") return "ok";
  if (access === "attempt-owner") return actor === "candidate" ? "ok" : "not_found";
  if (access === "set-owner") return actor === "setOwner" ? "ok" : "not_found";
  return actor === "setOwner" || actor === "setViewer" ? "ok" : "not_found";
}

/**
 * Who may see a page (over HTTP, as a browser would ask for it):
 * - public: 200 for everyone;
 * - signed-in: a signed-in user gets 200; anonymous and guests are sent to /signin;
 * - guest-ok: 200 for everyone (a guest practises without an account);
 * - attempt-owner: the attempt's owner gets 200, everyone else the same 404 page as an unknown id;
 * - set-owner: the set's owner gets 200; other signed-in users the unknown-id 404; anonymous/guests /signin;
 * - cohort-member: a cohort's members get 200 (tests/integration/cohorts.test.ts); here, where no actor belongs to the
 *   cohort asked for, every signed-in user gets the unknown-id 404 and anonymous/guests /signin;
 * - share-link: /s shows the set to whoever holds a valid link cookie; without one (or revoked) the "link does not work" page.
 */
export type PageAccess = "public" | "signed-in" | "guest-ok" | "attempt-owner" | "set-owner" | "cohort-member" | "share-link";

export const PAGES: Record<string, PageAccess> = {
  "/": "public",
  "/signin": "public",
  "/signup": "public",
  "/forgot-password": "public",
  "/reset-password": "public",
  "/lab": "public",
  "/questions": "public",
  "/questions/[slug]": "public",
  "/questions/[slug]/quiz": "guest-ok",
  "/questions/[slug]/quiz/[attemptId]": "attempt-owner",
  "/review": "guest-ok",
  "/dashboard": "signed-in",
  "/settings": "signed-in",
  "/settings/tokens": "signed-in",
  "/sets": "signed-in",
  "/sets/new": "signed-in",
  "/sets/[id]": "set-owner",
  "/sets/[id]/results": "set-owner",
  "/s": "share-link",
  "/cohorts": "signed-in",
  "/cohorts/[id]": "cohort-member",
  "/cohorts/[id]/assignments/[assignmentId]": "cohort-member",
  "/cohorts/join/[token]": "signed-in",
};

/**
 * What a server action needs: `user` (authedAction: a signed-in user), `actor` (actorAction: a user or a
 * guest browser; only `createGuest` actions may start without one), `public` (sign-in, sign-up, reset:
 * forms anyone may post, rate-limited). Posted without a session a `user`/`actor` action must refuse
 * without effect; posted from a foreign origin every action is a 403 (serve.mjs) before it runs.
 */
export type ActionAccess = "user" | "actor" | "actor-creates-guest" | "public";

export const ACTIONS: Record<string, ActionAccess> = {
  "account.changePasswordAction": "user",
  "account.signOutEverywhereAction": "user",
  "account.deleteAccountAction": "user",
  "auth.signInAction": "public",
  "auth.signUpAction": "public",
  "auth.signOutAction": "public",
  "lab.saveLabRunAction": "actor-creates-guest",
  "oauth.signInWithProviderAction": "public",
  "password-reset.requestResetAction": "public",
  "password-reset.resetPasswordAction": "public",
  "progress.saveSelfGradeAction": "actor-creates-guest",
  "progress.getSelfGradeAction": "actor",
  "quiz.startAttemptAction": "actor-creates-guest",
  "quiz.saveAnswersAction": "actor",
  "quiz.submitAttemptAction": "actor",
  "quiz.selfGradeAction": "actor",
  "quiz.importGuestDataAction": "user",
  "review.setInterviewDateAction": "user",
  "sets.createSetAction": "user",
  "sets.updateSetAction": "user",
  "sets.deleteSetAction": "user",
  "sets.shareLinkAction": "user",
  "sets.revokeShareLinkAction": "user",
  "sets.importSetAction": "user",
  "sets.parseItemsAction": "user",
  "sets.startSetAttemptAction": "actor-creates-guest",
  "sets.gradeFreeTextAction": "user",
  "sets.searchBankAction": "user",
  "sets.bankPickAction": "user",
  "cohorts.createCohortAction": "user",
  "cohorts.deleteCohortAction": "user",
  "cohorts.addInstructorAction": "user",
  "cohorts.removeMemberAction": "user",
  "cohorts.createInviteAction": "user",
  "cohorts.revokeInviteAction": "user",
  "cohorts.joinByCodeAction": "user",
  "cohorts.joinByTokenAction": "user",
  "cohorts.createAssignmentAction": "user",
  "cohorts.deleteAssignmentAction": "user",
  "cohorts.grantExtraTimeAction": "user",
  "cohorts.startAssignmentAttemptAction": "user",
  "cohorts.saveAssignmentAnswersAction": "user",
  "cohorts.submitAssignmentAttemptAction": "user",
  "cohorts.submitChallengeAction": "user",
  "sets.submitSetAttemptAction": "actor",
  "tokens.createTokenAction": "user",
  "tokens.revokeTokenAction": "user",
};
