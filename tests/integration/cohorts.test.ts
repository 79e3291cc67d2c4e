/**
 * Cohorts (issue 11): the access matrix over every cohort API route, removal on the next request, invites
 * (expiry, use limits with racing joins, revocation, unknown-code rate limit), late marking at the due-date
 * boundary and extra time on timed set assignments. Real routes, real tokens, real databases.
 */
import { expect, it } from "vitest";
import { getPrisma } from "@/server/db";
import { createApiToken } from "@/server/data/api-tokens";
import { openApiDocument } from "@/server/api/openapi";
import { createSet } from "@/server/data/sets";
import { createCohort, getCohort } from "@/server/data/cohorts";
import {
  createInvite,
  joinCohortByCode,
  joinCohortByToken,
  revokeInvite,
  TooManyCodeAttempts,
  UNKNOWN_CODE_LIMIT,
} from "@/server/data/cohort-invites";
import {
  createAssignment,
  grantExtraTime,
  listAssignments,
  startAssignmentAttempt,
  submitAssignmentAttempt,
} from "@/server/data/cohort-assignments";
import type { Viewer } from "@/server/auth";
import * as cohortsRoute from "@/app/api/v1/cohorts/route";
import * as cohortRoute from "@/app/api/v1/cohorts/[id]/route";
import * as invitesRoute from "@/app/api/v1/cohorts/[id]/invites/route";
import * as inviteRoute from "@/app/api/v1/cohorts/[id]/invites/[inviteId]/route";
import * as joinRoute from "@/app/api/v1/cohorts/join/route";
import * as membersRoute from "@/app/api/v1/cohorts/[id]/members/route";
import * as memberRoute from "@/app/api/v1/cohorts/[id]/members/[userId]/route";
import * as assignmentsRoute from "@/app/api/v1/cohorts/[id]/assignments/route";
import * as submissionsRoute from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/submissions/route";
import * as extraTimeRoute from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/extra-time/route";
import * as attemptsRoute from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/route";
import * as attemptRoute from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/route";
import * as submitRoute from "@/app/api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/submit/route";
import { DEFAULT_SET_SETTINGS } from "@/lib/schemas/sets";
import { describeEachDatabase } from "./support/databases";
import { actorOf, createUser, reloadViewer } from "./support/users";

const BASE = "http://layerwise.test/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(
  handler: unknown,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  params: Record<string, string> = {},
  ip = "203.0.113.1",
) {
  const headers: Record<string, string> = { "x-forwarded-for": ip };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
  return (handler as Handler)(new Request(`${BASE}${path}`, init), { params: Promise.resolve(params) });
}

type Person = { viewer: Viewer; token: string };
async function person(): Promise<Person> {
  const viewer = await createUser();
  return { viewer, token: (await createApiToken(viewer, "cohorts")).token };
}
const fresh = async (p: Person): Promise<Person> => ({ ...p, viewer: await reloadViewer(p.viewer) });
const act = async (p: Person) => actorOf(await reloadViewer(p.viewer));

const TF = { from: "custom", item: { id: "q", type: "truefalse", prompt: "True?", keyPoint: 0, answer: true, rationale: "Yes." } } as const;
const CHALLENGE = {
  base: "disjoint",
  n: 100,
  seed: 1,
  minTestAccuracy: 0.5,
  budget: { kind: "params", maxTrainableParams: 5000 },
} as const;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

async function joinWithCode(p: Person, code: string) {
  await joinCohortByCode(await act(p), code, `join-${p.viewer.id}`);
  return fresh(p);
}

/** A cohort with its owner, an instructor, a student, and a second cohort with its own instructor and student. */
async function world() {
  const owner = await person();
  const cohort = await createCohort(await act(owner), { title: "Bootcamp A" });
  const instructor = await person();
  await call(
    membersRoute.POST,
    "POST",
    `/cohorts/${cohort.id}/members`,
    owner.token,
    { email: instructor.viewer.email },
    { id: cohort.id },
  );
  const otherOwner = await person();
  const other = await createCohort(await act(otherOwner), { title: "Bootcamp B" });
  const otherInstructor = await person();
  await call(
    membersRoute.POST,
    "POST",
    `/cohorts/${other.id}/members`,
    otherOwner.token,
    { email: otherInstructor.viewer.email },
    { id: other.id },
  );
  const { code } = await createInvite(await act(owner), cohort.id, {});
  const { code: otherCode } = await createInvite(await act(otherOwner), other.id, {});
  const student = await joinWithCode(await person(), code);
  const otherStudent = await joinWithCode(await person(), otherCode);
  const removed = await joinWithCode(await person(), code);
  const res = await call(
    memberRoute.DELETE,
    "DELETE",
    `/cohorts/${cohort.id}/members/${removed.viewer.id}`,
    (await fresh(instructor)).token,
    undefined,
    {
      id: cohort.id,
      userId: removed.viewer.id,
    },
  );
  expect(res.status).toBe(200);
  // A timed set the owner assigns, and a lab challenge.
  const set = await createSet(await act(owner), {
    title: "Screen",
    items: [TF],
    settings: { ...DEFAULT_SET_SETTINGS, timeLimitMinutes: 20 },
  });
  const setAssignment = await createAssignment(await act(owner), cohort.id, { kind: "set", setId: set.id, dueAt: inAWeek() });
  const challenge = await createAssignment(await act(owner), cohort.id, {
    kind: "lab-challenge",
    title: "Beat 50%",
    challenge: CHALLENGE,
    dueAt: inAWeek(),
  });
  return { owner, instructor, otherInstructor, student, otherStudent, removed, cohort, other, code, setAssignment, challenge };
}

describeEachDatabase("cohorts", () => {
  it("access matrix: every cohort API route × owner, instructor, other cohort's instructor and student, student, removed student, anonymous", async () => {
    const w = await world();
    const id = w.cohort.id;
    const p = { id };
    const staff = new Set(["owner", "instructor"]);
    const members = new Set(["owner", "instructor", "student"]);
    const who: Record<string, Person | null> = {
      owner: w.owner,
      instructor: w.instructor,
      otherInstructor: w.otherInstructor,
      student: w.student,
      otherStudent: w.otherStudent,
      removed: w.removed,
      anonymous: null,
    };
    // Each row: a route, and for a caller the status it answers when allowed (the rest must be 404; anonymous 401).
    type Row = { name: string; allowed: Set<string>; ok: number; run: (p: Person | null) => Promise<Response> };
    const victimFor = async () => {
      const { code } = await createInvite(await act(w.owner), id, {});
      return (await joinWithCode(await person(), code)).viewer.id;
    };
    const rows: Row[] = [
      {
        name: "GET /cohorts/{id}",
        allowed: members,
        ok: 200,
        run: (u) => call(cohortRoute.GET, "GET", `/cohorts/${id}`, u?.token ?? null, undefined, p),
      },
      {
        name: "GET /cohorts/{id}/invites",
        allowed: staff,
        ok: 200,
        run: (u) => call(invitesRoute.GET, "GET", `/cohorts/${id}/invites`, u?.token ?? null, undefined, p),
      },
      {
        name: "POST /cohorts/{id}/invites",
        allowed: staff,
        ok: 201,
        run: (u) => call(invitesRoute.POST, "POST", `/cohorts/${id}/invites`, u?.token ?? null, {}, p),
      },
      {
        name: "DELETE /cohorts/{id}/invites/{inviteId}",
        allowed: staff,
        ok: 200,
        run: async (u) => {
          const { invite } = await createInvite(await act(w.owner), id, {});
          return call(inviteRoute.DELETE, "DELETE", `/cohorts/${id}/invites/${invite.id}`, u?.token ?? null, undefined, {
            id,
            inviteId: invite.id,
          });
        },
      },
      {
        name: "POST /cohorts/{id}/members",
        allowed: new Set(["owner"]),
        ok: 201,
        run: async (u) =>
          call(membersRoute.POST, "POST", `/cohorts/${id}/members`, u?.token ?? null, { email: (await createUser()).email }, p),
      },
      {
        name: "DELETE /cohorts/{id}/members/{userId} (a student)",
        allowed: staff,
        ok: 200,
        run: async (u) => {
          const victim = await victimFor();
          return call(memberRoute.DELETE, "DELETE", `/cohorts/${id}/members/${victim}`, u?.token ?? null, undefined, {
            id,
            userId: victim,
          });
        },
      },
      {
        name: "DELETE /cohorts/{id}/members/{userId} (the instructor)",
        allowed: new Set(["owner"]),
        ok: 200,
        run: async (u) => {
          const extra = await createUser();
          await call(membersRoute.POST, "POST", `/cohorts/${id}/members`, w.owner.token, { email: extra.email }, p);
          return call(memberRoute.DELETE, "DELETE", `/cohorts/${id}/members/${extra.id}`, u?.token ?? null, undefined, {
            id,
            userId: extra.id,
          });
        },
      },
      {
        name: "GET /cohorts/{id}/assignments",
        allowed: members,
        ok: 200,
        run: (u) => call(assignmentsRoute.GET, "GET", `/cohorts/${id}/assignments`, u?.token ?? null, undefined, p),
      },
      {
        name: "POST /cohorts/{id}/assignments",
        allowed: staff,
        ok: 201,
        run: (u) =>
          call(
            assignmentsRoute.POST,
            "POST",
            `/cohorts/${id}/assignments`,
            u?.token ?? null,
            { kind: "lab-challenge", title: "More", challenge: CHALLENGE, dueAt: inAWeek() },
            p,
          ),
      },
      {
        name: "GET /cohorts/{id}/assignments/{a}/submissions",
        allowed: members,
        ok: 200,
        run: (u) =>
          call(submissionsRoute.GET, "GET", `/cohorts/${id}/assignments/${w.challenge.id}/submissions`, u?.token ?? null, undefined, {
            id,
            assignmentId: w.challenge.id,
          }),
      },
      {
        // Settings out of the lab's range: a student gets past the check to a 400 (nothing is run); everyone else 404.
        name: "POST /cohorts/{id}/assignments/{a}/submissions",
        allowed: new Set(["student"]),
        ok: 400,
        run: (u) =>
          call(
            submissionsRoute.POST,
            "POST",
            `/cohorts/${id}/assignments/${w.challenge.id}/submissions`,
            u?.token ?? null,
            { settings: { epochs: 0 } },
            {
              id,
              assignmentId: w.challenge.id,
            },
          ),
      },
      {
        name: "POST /cohorts/{id}/assignments/{a}/extra-time",
        allowed: staff,
        ok: 200,
        run: (u) =>
          call(
            extraTimeRoute.POST,
            "POST",
            `/cohorts/${id}/assignments/${w.setAssignment.id}/extra-time`,
            u?.token ?? null,
            { userId: w.student.viewer.id, extraMinutes: 10 },
            {
              id,
              assignmentId: w.setAssignment.id,
            },
          ),
      },
    ];
    const sa = { id, assignmentId: w.setAssignment.id };
    const saPath = `/cohorts/${id}/assignments/${w.setAssignment.id}/attempts`;
    const own = await startAssignmentAttempt(await act(w.student), id, w.setAssignment.id);
    const ap = { ...sa, attemptId: own.id };
    rows.push(
      {
        name: "POST …/attempts (start)",
        allowed: new Set(["student"]),
        ok: 201,
        run: (u) => call(attemptsRoute.POST, "POST", saPath, u?.token ?? null, undefined, sa),
      },
      {
        name: "GET …/attempts/{attemptId}",
        allowed: new Set(["student"]),
        ok: 200,
        run: (u) => call(attemptRoute.GET, "GET", `${saPath}/${own.id}`, u?.token ?? null, undefined, ap),
      },
      {
        // A stale version: the student gets past every check to a conflict; everyone else 404.
        name: "PUT …/attempts/{attemptId}",
        allowed: new Set(["student"]),
        ok: 409,
        run: (u) => call(attemptRoute.PUT, "PUT", `${saPath}/${own.id}`, u?.token ?? null, { version: 999, answers: {} }, ap),
      },
      {
        name: "POST …/attempts/{attemptId}/submit",
        allowed: new Set(["student"]),
        ok: 409,
        run: (u) => call(submitRoute.POST, "POST", `${saPath}/${own.id}/submit`, u?.token ?? null, { version: 999 }, ap),
      },
    );
    const notFound = new Set<string>();
    for (const row of rows) {
      for (const [name, u] of Object.entries(who)) {
        const res = await row.run(u);
        const expected = u === null ? 401 : row.allowed.has(name) ? row.ok : 404;
        expect(res.status, `${row.name} as ${name}`).toBe(expected);
        if (expected === 404) notFound.add(await res.text());
      }
    }
    // Every denial reads exactly like a cohort that does not exist.
    const missing = await call(cohortRoute.GET, "GET", "/cohorts/nope", w.owner.token, undefined, { id: "nope" });
    expect(missing.status).toBe(404);
    notFound.add(await missing.text());
    expect(notFound.size).toBe(1);

    // The list: each caller sees their own cohorts only.
    const list = async (u: Person) =>
      ((await (await call(cohortsRoute.GET, "GET", "/cohorts", u.token)).json()) as { cohorts: { id: string; role: string }[] }).cohorts;
    expect((await list(w.student)).map((c) => [c.id, c.role])).toEqual([[id, "student"]]);
    expect((await list(w.instructor)).map((c) => [c.id, c.role])).toEqual([[id, "instructor"]]);
    expect((await list(w.removed)).map((c) => c.id)).toEqual([]);
    expect((await list(w.otherStudent)).map((c) => c.id)).toEqual([w.other.id]);
    expect((await call(cohortsRoute.GET, "GET", "/cohorts", null)).status).toBe(401);
    // A student sees the staff and themselves, not the other students.
    const everyone = (await getCohort(await act(w.owner), id)).members;
    expect(everyone.filter((m) => m.role === "student").length).toBeGreaterThan(1);
    const expectedSeen = everyone.filter((m) => m.role !== "student" || m.userId === w.student.viewer.id).map((m) => m.userId);
    const seen = (
      (await (await call(cohortRoute.GET, "GET", `/cohorts/${id}`, w.student.token, undefined, p)).json()) as {
        cohort: { members: { userId: string }[] };
      }
    ).cohort.members.map((m) => m.userId);
    expect(seen.sort()).toEqual(expectedSeen.sort());

    // Every cohort route is in the OpenAPI document.
    const paths = Object.keys(openApiDocument().paths);
    for (const path of [
      "/cohorts",
      "/cohorts/join",
      "/cohorts/{id}",
      "/cohorts/{id}/invites",
      "/cohorts/{id}/invites/{inviteId}",
      "/cohorts/{id}/members",
      "/cohorts/{id}/members/{userId}",
      "/cohorts/{id}/assignments",
      "/cohorts/{id}/assignments/{assignmentId}/submissions",
      "/cohorts/{id}/assignments/{assignmentId}/extra-time",
      "/cohorts/{id}/assignments/{assignmentId}/attempts",
      "/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId}",
      "/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId}/submit",
    ])
      expect(paths).toContain(path);
  }, 240_000);

  it("removing a student takes effect on their very next request; the last owner cannot be removed", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "C" });
    const { code } = await createInvite(await act(owner), cohort.id, {});
    const student = await joinWithCode(await person(), code);
    const p = { id: cohort.id };
    expect((await call(cohortRoute.GET, "GET", `/cohorts/${cohort.id}`, student.token, undefined, p)).status).toBe(200);
    const del = await call(memberRoute.DELETE, "DELETE", `/cohorts/${cohort.id}/members/${student.viewer.id}`, owner.token, undefined, {
      ...p,
      userId: student.viewer.id,
    });
    expect(del.status).toBe(200);
    // Same token, next request: memberships are re-read per request, so the role is gone.
    expect((await call(cohortRoute.GET, "GET", `/cohorts/${cohort.id}`, student.token, undefined, p)).status).toBe(404);
    expect((await call(assignmentsRoute.GET, "GET", `/cohorts/${cohort.id}/assignments`, student.token, undefined, p)).status).toBe(404);
    await expect(getCohort(await act(student), cohort.id)).rejects.toThrow("That cohort was not found.");
    const last = await call(memberRoute.DELETE, "DELETE", `/cohorts/${cohort.id}/members/${owner.viewer.id}`, owner.token, undefined, {
      ...p,
      userId: owner.viewer.id,
    });
    expect(last.status).toBe(409);
  });

  it("invites: expiry, use limit under racing joins, revocation, re-joining uses nothing, joining needs an account", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "Invites" });
    const now = new Date();
    // Expiry.
    const expiring = await createInvite(await act(owner), cohort.id, { expiresAt: new Date(now.getTime() + 3_600_000).toISOString() }, now);
    const late = await person();
    await expect(joinCohortByCode(await act(late), expiring.code, "ip-exp", new Date(now.getTime() + 3_600_001))).rejects.toThrow(
      "not valid",
    );
    await expect(joinCohortByToken(await act(late), expiring.token, new Date(now.getTime() + 3_600_001))).rejects.toThrow("not valid");
    expect(
      (await joinCohortByCode(await act(late), expiring.code.toLowerCase(), "ip-exp", new Date(now.getTime() + 3_599_000))).cohortId,
    ).toBe(cohort.id);
    // Use limit: 5 users race for 2 uses; exactly 2 get in.
    const limited = await createInvite(await act(owner), cohort.id, { maxUses: 2 });
    const racers = await Promise.all(Array.from({ length: 5 }, () => person()));
    const outcomes = await Promise.allSettled(racers.map(async (r) => joinCohortByToken(await act(r), limited.token)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    const prisma = await getPrisma();
    expect((await prisma.capabilityLink.findUniqueOrThrow({ where: { id: limited.invite.id } })).uses).toBe(2);
    // A member following a link again uses nothing up.
    const once = await createInvite(await act(owner), cohort.id, { maxUses: 1 });
    const member = await person();
    await joinCohortByToken(await act(member), once.token);
    await joinCohortByToken(await act(member), once.token);
    expect((await prisma.capabilityLink.findUniqueOrThrow({ where: { id: once.invite.id } })).uses).toBe(1);
    await expect(joinCohortByToken(await act(await person()), once.token)).rejects.toThrow("not valid");
    // Revocation: the next use of the link and of the code is refused.
    const revoked = await createInvite(await act(owner), cohort.id, {});
    await revokeInvite(await act(owner), cohort.id, revoked.invite.id);
    await expect(joinCohortByToken(await act(await person()), revoked.token)).rejects.toThrow("not valid");
    await expect(joinCohortByCode(await act(await person()), revoked.code, "ip-rev")).rejects.toThrow("not valid");
    // No account, no joining.
    await expect(joinCohortByToken({ kind: "guest", guestKeyHash: "x".repeat(64), roles: [] }, revoked.token)).rejects.toThrow("Sign in");
    // An instructor joining through an invite stays an instructor.
    const instructor = await person();
    await call(
      membersRoute.POST,
      "POST",
      `/cohorts/${cohort.id}/members`,
      owner.token,
      { email: instructor.viewer.email },
      { id: cohort.id },
    );
    const open = await createInvite(await act(owner), cohort.id, {});
    await joinCohortByToken(await act(instructor), open.token);
    expect((await getCohort(await act(instructor), cohort.id)).role).toBe("instructor");
  });

  it("unknown codes are rate-limited per address: after the limit even a valid code is refused with 429", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "Codes" });
    const { code } = await createInvite(await act(owner), cohort.id, {});
    const guesser = await person();
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < UNKNOWN_CODE_LIMIT; i++) {
      const res = await call(
        joinRoute.POST,
        "POST",
        "/cohorts/join",
        guesser.token,
        { code: `ZZZZ-${String(i).padStart(4, "0")}` },
        {},
        ip,
      );
      expect(res.status, `guess ${i + 1}`).toBe(404);
    }
    const blocked = await call(joinRoute.POST, "POST", "/cohorts/join", guesser.token, { code }, {}, ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same address is blocked too; another address and account still joins.
    const sameIp = await person();
    expect((await call(joinRoute.POST, "POST", "/cohorts/join", sameIp.token, { code }, {}, ip)).status).toBe(429);
    const elsewhere = await person();
    const ok = await call(joinRoute.POST, "POST", "/cohorts/join", elsewhere.token, { code }, {}, "192.0.2.77");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ cohortId: cohort.id });
    // Malformed input is a 400, never a 500.
    expect((await call(joinRoute.POST, "POST", "/cohorts/join", elsewhere.token, { code: "a\u0000bcd" }, {}, "192.0.2.78")).status).toBe(
      400,
    );
    await expect(joinCohortByCode(await act(elsewhere), "nope", "x")).rejects.toThrow("not valid");
    expect(TooManyCodeAttempts).toBeTruthy();
  });

  it("late marking at the due-date boundary: submitted at the due instant is on time, one millisecond after is late", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "Due" });
    const set = await createSet(await act(owner), { title: "Quiz", items: [TF] });
    const due = new Date(Date.now() + 3_600_000);
    const a = await createAssignment(await act(owner), cohort.id, { kind: "set", setId: set.id, dueAt: due.toISOString() });
    const { code } = await createInvite(await act(owner), cohort.id, {});
    const onTime = await joinWithCode(await person(), code);
    const late = await joinWithCode(await person(), code);
    const startAt = new Date(due.getTime() - 600_000);
    for (const [s, at, expected] of [
      [onTime, due, false],
      [late, new Date(due.getTime() + 1), true],
    ] as const) {
      const actor = await act(s);
      const attempt = await startAssignmentAttempt(actor, cohort.id, a.id, startAt);
      const result = await submitAssignmentAttempt(
        actor,
        cohort.id,
        a.id,
        attempt.id,
        { version: attempt.answersVersion, answers: { q: { type: "truefalse", value: true } } },
        at,
      );
      expect(result.late, `submitted at due ${at.getTime() - due.getTime()} ms`).toBe(expected);
      const mine = (await listAssignments(actor, cohort.id)).find((x) => x.id === a.id)!.mine!;
      expect(mine).toMatchObject({ status: "submitted", late: expected });
      // The attempt lives in the assignment's context, not in the set's or a personal one.
      const prisma = await getPrisma();
      const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
      expect([row.contextType, row.contextId, row.questionSlug]).toEqual(["assignment", a.id, `set:${set.id}`]);
    }
    // The set's settings apply: one attempt allowed.
    await expect(startAssignmentAttempt(await act(onTime), cohort.id, a.id)).rejects.toThrow("every attempt");
    // Staff cannot take the work; a removed student or another cohort cannot either.
    await expect(startAssignmentAttempt(await act(owner), cohort.id, a.id)).rejects.toThrow("That cohort was not found.");
  });

  it("extra time on a timed set assignment: added at start, and moves the deadline of an attempt in progress", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "Timed" });
    const set = await createSet(await act(owner), {
      title: "Timed quiz",
      items: [TF],
      settings: { ...DEFAULT_SET_SETTINGS, timeLimitMinutes: 20 },
    });
    const untimedSet = await createSet(await act(owner), { title: "Untimed", items: [TF] });
    const a = await createAssignment(await act(owner), cohort.id, { kind: "set", setId: set.id, dueAt: inAWeek() });
    const untimed = await createAssignment(await act(owner), cohort.id, { kind: "set", setId: untimedSet.id, dueAt: inAWeek() });
    const { code } = await createInvite(await act(owner), cohort.id, {});
    const granted = await joinWithCode(await person(), code);
    const later = await joinWithCode(await person(), code);
    await grantExtraTime(await act(owner), cohort.id, a.id, { userId: granted.viewer.id, extraMinutes: 10 });
    const t0 = new Date();
    const attempt = await startAssignmentAttempt(await act(granted), cohort.id, a.id, t0);
    expect(Date.parse(attempt.deadline!) - t0.getTime()).toBe(30 * 60_000);
    expect(attempt.extraTimeMs).toBe(10 * 60_000);
    const other = await startAssignmentAttempt(await act(later), cohort.id, a.id, t0);
    expect(Date.parse(other.deadline!) - t0.getTime()).toBe(20 * 60_000);
    await grantExtraTime(await act(owner), cohort.id, a.id, { userId: later.viewer.id, extraMinutes: 5 });
    const prisma = await getPrisma();
    const moved = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: other.id } });
    expect(moved.deadline!.getTime() - t0.getTime()).toBe(25 * 60_000);
    // Untimed work has no time to extend; a non-student gets "not found".
    await expect(grantExtraTime(await act(owner), cohort.id, untimed.id, { userId: granted.viewer.id, extraMinutes: 5 })).rejects.toThrow(
      "timed work only",
    );
    await expect(grantExtraTime(await act(owner), cohort.id, a.id, { userId: owner.viewer.id, extraMinutes: 5 })).rejects.toThrow(
      "not found",
    );
  });

  it("a set is assignable only by someone who may read its results", async () => {
    const owner = await person();
    const cohort = await createCohort(await act(owner), { title: "Sets" });
    const stranger = await person();
    const foreign = await createSet(await act(stranger), { title: "Not yours", items: [TF] });
    await expect(createAssignment(await act(owner), cohort.id, { kind: "set", setId: foreign.id, dueAt: inAWeek() })).rejects.toThrow(
      "That set was not found.",
    );
  });
});
