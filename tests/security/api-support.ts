import { createApiToken, revokeApiToken } from "@/server/data/api-tokens";
import { setMembership } from "@/server/permissions/memberships";
import { actorOf, createUser, reloadViewer } from "../integration/support/users";
import type { ApiActor } from "./matrix";
import * as health from "@/app/api/health/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as questions from "@/app/api/v1/questions/route";
import * as question from "@/app/api/v1/questions/[slug]/route";
import * as me from "@/app/api/v1/me/route";
import * as meExport from "@/app/api/v1/me/export/route";
import * as attempts from "@/app/api/v1/attempts/route";
import * as attempt from "@/app/api/v1/attempts/[id]/route";
import * as answers from "@/app/api/v1/attempts/[id]/answers/route";
import * as selfGrade from "@/app/api/v1/attempts/[id]/self-grade/route";
import * as submit from "@/app/api/v1/attempts/[id]/submit/route";
import * as sets from "@/app/api/v1/sets/route";
import * as setsImport from "@/app/api/v1/sets/import/route";
import * as set from "@/app/api/v1/sets/[id]/route";
import * as results from "@/app/api/v1/sets/[id]/results/route";
import * as resultsCsv from "@/app/api/v1/sets/[id]/results.csv/route";
import * as setExport from "@/app/api/v1/sets/[id]/export/route";
import * as share from "@/app/api/v1/sets/[id]/share-link/route";
import * as grades from "@/app/api/v1/sets/[id]/grades/route";
import * as cohorts from "@/app/api/v1/cohorts/route";
import * as cohortJoin from "@/app/api/v1/cohorts/join/route";
import * as cohortMembers from "@/app/api/v1/cohorts/[id]/members/route";
import * as cohortMember from "@/app/api/v1/cohorts/[id]/members/[userId]/route";
import * as cohortInvites from "@/app/api/v1/cohorts/[id]/invites/route";
import * as cohortInvite from "@/app/api/v1/cohorts/[id]/invites/[inviteId]/route";
import * as cohortAssignments from "@/app/api/v1/cohorts/[id]/assignments/route";
import * as cohortSubmissions from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/submissions/route";
import * as cohortExtraTime from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/extra-time/route";
import * as cohortAttempts from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/route";
import * as cohortAttempt from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/route";
import * as cohortSubmit from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/submit/route";

/** The route handlers called in-process as Next calls them (tests/integration/sets-api.test.ts does the same). */
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const h = (f: unknown) => f as Handler;

export const HANDLERS: Record<string, Handler> = {
  "GET /api/health": h(health.GET),
  "GET /api/v1/openapi.json": h(openapi.GET),
  "GET /api/v1/questions": h(questions.GET),
  "GET /api/v1/questions/[slug]": h(question.GET),
  "GET /api/v1/me": h(me.GET),
  "DELETE /api/v1/me": h(me.DELETE),
  "GET /api/v1/me/export": h(meExport.GET),
  "POST /api/v1/attempts": h(attempts.POST),
  "GET /api/v1/attempts/[id]": h(attempt.GET),
  "PUT /api/v1/attempts/[id]/answers": h(answers.PUT),
  "POST /api/v1/attempts/[id]/self-grade": h(selfGrade.POST),
  "POST /api/v1/attempts/[id]/submit": h(submit.POST),
  "GET /api/v1/sets": h(sets.GET),
  "POST /api/v1/sets": h(sets.POST),
  "POST /api/v1/sets/import": h(setsImport.POST),
  "GET /api/v1/sets/[id]": h(set.GET),
  "PATCH /api/v1/sets/[id]": h(set.PATCH),
  "DELETE /api/v1/sets/[id]": h(set.DELETE),
  "GET /api/v1/sets/[id]/results": h(results.GET),
  "GET /api/v1/sets/[id]/results.csv": h(resultsCsv.GET),
  "GET /api/v1/sets/[id]/export": h(setExport.GET),
  "POST /api/v1/sets/[id]/share-link": h(share.POST),
  "DELETE /api/v1/sets/[id]/share-link": h(share.DELETE),
  // Called here only by the fuzzer: their actor matrix runs in tests/integration (matrix.ts, DELEGATED).
  "PUT /api/v1/sets/[id]/grades": h(grades.PUT),
  "POST /api/v1/cohorts": h(cohorts.POST),
  "POST /api/v1/cohorts/join": h(cohortJoin.POST),
  "POST /api/v1/cohorts/[id]/members": h(cohortMembers.POST),
  "DELETE /api/v1/cohorts/[id]/members/[userId]": h(cohortMember.DELETE),
  "POST /api/v1/cohorts/[id]/invites": h(cohortInvites.POST),
  "DELETE /api/v1/cohorts/[id]/invites/[inviteId]": h(cohortInvite.DELETE),
  "POST /api/v1/cohorts/[id]/assignments": h(cohortAssignments.POST),
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/submissions": h(cohortSubmissions.POST),
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/extra-time": h(cohortExtraTime.POST),
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts": h(cohortAttempts.POST),
  "PUT /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]": h(cohortAttempt.PUT),
  "POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/submit": h(cohortSubmit.POST),
};

const BASE = "http://layerwise.test";
export const SLUG = "layer-freezing";

export async function call(
  route: string,
  token: string | null,
  opts: { params?: Record<string, string>; body?: unknown; query?: string } = {},
) {
  const [method, pattern] = route.split(" ") as [string, string];
  const handler = HANDLERS[route];
  if (!handler) throw new Error(`no handler for ${route}`);
  const params = opts.params ?? {};
  const path = pattern.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers };
  if (opts.body !== undefined) init.body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  return handler(new Request(`${BASE}${path}${opts.query ?? ""}`, init), { params: Promise.resolve(params) });
}

export const CUSTOM_ITEM = {
  from: "custom",
  item: { id: "q1", type: "truefalse", prompt: "Is this a test?", keyPoint: 0, answer: true, rationale: "It is." },
};

export type World = {
  tokens: Record<ApiActor, string | null>;
  emails: Partial<Record<ApiActor, string>>;
  setId: string;
  attemptId: string;
  attemptVersion: number;
  itemId: string;
  /** A cohort the set owner made (the fuzzer's cohort routes reach past "not found" with it). */
  cohortId: string;
};

/** A fresh cast for one row: every API actor with its credential, the owner's set, the candidate's open attempt. */
export async function makeWorld(): Promise<World> {
  const tokens = { anonymous: null } as Record<ApiActor, string | null>;
  const emails: Partial<Record<ApiActor, string>> = {};
  const viewers: Partial<Record<ApiActor, Awaited<ReturnType<typeof createUser>>>> = {};
  for (const a of ["candidate", "otherCandidate", "setOwner", "setViewer", "otherManager", "revokedToken"] as const) {
    const v = await createUser();
    viewers[a] = v;
    emails[a] = v.email!;
    const { token, info } = await createApiToken(v, "security matrix");
    tokens[a] = token;
    if (a === "revokedToken") await revokeApiToken(v, info.id);
  }
  const created = await call("POST /api/v1/sets", tokens.setOwner, { body: { title: "Matrix set", items: [CUSTOM_ITEM] } });
  if (created.status !== 201) throw new Error(`set create: ${created.status} ${await created.text()}`);
  const setId = ((await created.json()) as { set: { id: string } }).set.id;
  const mine = await call("POST /api/v1/sets", tokens.otherManager, { body: { title: "Another manager's set", items: [CUSTOM_ITEM] } });
  if (mine.status !== 201) throw new Error("other manager's set");
  const owner = actorOf(await reloadViewer(viewers.setOwner!));
  await setMembership(owner, { type: "set", id: setId }, viewers.setViewer!.id, "viewer");
  const started = await call("POST /api/v1/attempts", tokens.candidate, { body: { slug: SLUG } });
  if (started.status !== 201) throw new Error(`attempt start: ${started.status} ${await started.text()}`);
  const a = ((await started.json()) as { attempt: { id: string; answersVersion: number; items: { id: string }[] } }).attempt;
  const cohort = await call("POST /api/v1/cohorts", tokens.setOwner, { body: { title: "Matrix cohort" } });
  if (cohort.status !== 201) throw new Error(`cohort create: ${cohort.status} ${await cohort.text()}`);
  const cohortId = ((await cohort.json()) as { cohort: { id: string } }).cohort.id;
  return { tokens, emails, setId, attemptId: a.id, attemptVersion: a.answersVersion, itemId: a.items[0]!.id, cohortId };
}

/** The request each row makes (valid input, so only access decides the outcome). */
export function requestFor(route: string, w: World, actor: ApiActor): { params?: Record<string, string>; body?: unknown; query?: string } {
  const set = { id: w.setId };
  const att = { id: w.attemptId };
  switch (route) {
    case "GET /api/v1/questions/[slug]":
      return { params: { slug: SLUG } };
    case "DELETE /api/v1/me":
      return { body: { confirm: w.emails[actor] ?? "nobody@layerwise.test" } };
    case "POST /api/v1/attempts":
      return { body: { slug: SLUG } };
    case "GET /api/v1/attempts/[id]":
      return { params: att };
    case "PUT /api/v1/attempts/[id]/answers":
      return { params: att, body: { version: w.attemptVersion, answers: {} } };
    case "POST /api/v1/attempts/[id]/self-grade":
      return { params: att, body: { itemId: w.itemId, ticked: [] } };
    case "POST /api/v1/attempts/[id]/submit":
      return { params: att, body: { version: w.attemptVersion } };
    case "POST /api/v1/sets":
      return { body: { title: "Another", items: [CUSTOM_ITEM] } };
    case "POST /api/v1/sets/import":
      return { body: { format: "gift", text: "Is this GIFT? {TRUE}" } };
    case "PATCH /api/v1/sets/[id]":
      return { params: set, body: { title: "Renamed" } };
    case "GET /api/v1/sets/[id]/export":
      return { params: set, query: "?format=gift" };
    default:
      return route.includes("[id]") ? { params: set } : {};
  }
}
