import { expect, it } from "vitest";
import { getPrisma } from "@/server/db";
import { createApiToken } from "@/server/data/api-tokens";
import { createSet } from "@/server/data/sets";
import { getCohortDashboard, getCohortDashboardCsv } from "@/server/data/cohort-dashboard";
import { openApiDocument } from "@/server/api/openapi";
import { gradeAttempt } from "@/lib/quiz/grade";
import { anonymousActor, scopeNotFound, type Actor } from "@/server/permissions";
import type { QuizItem } from "@/lib/schemas/quiz";
import * as dashboardRoute from "@/app/api/v1/cohorts/[id]/dashboard/route";
import * as csvRoute from "@/app/api/v1/cohorts/[id]/dashboard.csv/route";
import { describeEachDatabase } from "./support/databases";
import { actorOf, createUser, reloadViewer } from "./support/users";

// The dashboard's numbers from real graded attempts (the engine's gradeAttempt, stored as the engine stores them),
// who sees which rows, and the two API routes in the access matrix (owner, instructor, student, students and
// instructors of another cohort, a removed student, a stranger, anonymous).

const PICK: QuizItem = {
  id: "pick",
  type: "single",
  prompt: "Which layers do you freeze first?",
  keyPoint: 0,
  options: [
    { id: "a", text: "The early layers", correct: true, rationale: "Generic features." },
    { id: "b", text: "The classifier head", correct: false, rationale: "CANARY-WHY-HEAD-IS-WRONG" },
    { id: "c", text: "All of them", correct: false, rationale: "Nothing would learn." },
  ],
};
const TF: QuizItem = {
  id: "tf",
  type: "truefalse",
  prompt: "Fine-tuning everything always wins.",
  keyPoint: 0,
  answer: false,
  rationale: "Not with little data.",
};
const NOT_FOUND = scopeNotFound("cohort").message;
const DAY = 86_400_000;

async function denied(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect((e as Error | null)?.message).toBe(NOT_FOUND);
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (h: Handler, path: string, token: string | null, id: string) =>
  h(new Request(`http://layerwise.test/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), {
    params: Promise.resolve({ id }),
  });

/** A cohort with an owner, an instructor, three students (one to be removed) and a set assignment due yesterday. */
async function cohortWithWork(now: Date) {
  const prisma = await getPrisma();
  const [owner, instructor, ann, bob, removed, otherStudent, otherInstructor, stranger] = await Promise.all([
    createUser({ name: "Owner" }),
    createUser({ name: "Instructor" }),
    createUser({ name: "Ann" }),
    createUser({ name: '=HYPERLINK("http://x")' }),
    createUser({ name: "Removed" }),
    createUser({ name: "Other student" }),
    createUser({ name: "Other instructor" }),
    createUser({ name: "Stranger" }),
  ]);
  const cohort = await prisma.cohort.create({ data: { title: "Bootcamp", createdById: owner.id }, select: { id: true } });
  const other = await prisma.cohort.create({ data: { title: "Other", createdById: otherInstructor.id }, select: { id: true } });
  const joined = new Date(now.getTime() - 10 * DAY);
  await prisma.membership.createMany({
    data: [
      { scopeType: "cohort", scopeId: cohort.id, userId: owner.id, role: "owner" },
      { scopeType: "cohort", scopeId: cohort.id, userId: instructor.id, role: "instructor" },
      ...[ann, bob, removed].map((u) => ({ scopeType: "cohort", scopeId: cohort.id, userId: u.id, role: "student", createdAt: joined })),
      { scopeType: "cohort", scopeId: other.id, userId: otherInstructor.id, role: "owner" },
      { scopeType: "cohort", scopeId: other.id, userId: otherStudent.id, role: "student" },
    ],
  });
  const set = await createSet(actorOf(owner), {
    title: "Freezing",
    items: [
      { from: "custom", item: PICK },
      { from: "custom", item: TF },
    ],
  });
  const due = new Date(now.getTime() - DAY);
  const assignment = await prisma.cohortAssignment.create({
    data: { cohortId: cohort.id, kind: "set", title: "Freezing quiz", setId: set.id, dueAt: due, createdById: owner.id },
    select: { id: true },
  });
  const challenge = await prisma.cohortAssignment.create({
    data: {
      cohortId: cohort.id,
      kind: "lab-challenge",
      title: "Beat 80%",
      challenge: { base: "disjoint", n: 100, seed: 1, minTestAccuracy: 0.8, budget: { kind: "flops", maxFlops: 1e9 } },
      dueAt: new Date(now.getTime() + DAY),
    },
    select: { id: true },
  });
  const items = set.items.map((s) => s.item);
  let n = 0;
  async function attempt(userId: string, answers: Record<string, unknown>, submittedAt: Date) {
    const grade = gradeAttempt(items, answers);
    await prisma.quizAttempt.create({
      data: {
        id: `dash-${assignment.id}-${++n}`,
        userId,
        questionSlug: `set:${set.id}`,
        contextType: "assignment",
        contextId: assignment.id,
        itemsSnapshot: items as never,
        seed: 1,
        startedAt: new Date(submittedAt.getTime() - 600_000),
        status: "submitted",
        submittedAt,
        answers: answers as never,
        score: grade.score,
        maxScore: grade.max,
        results: grade.items as never,
      },
    });
  }
  // Ann: first try wrong on both (head, true), then right on both: only the latest counts.
  await attempt(
    ann.id,
    { pick: { type: "single", optionId: "b" }, tf: { type: "truefalse", value: true } },
    new Date(due.getTime() - 2 * DAY),
  );
  await attempt(
    ann.id,
    { pick: { type: "single", optionId: "a" }, tf: { type: "truefalse", value: false } },
    new Date(due.getTime() - DAY),
  );
  // Bob: once, one second after the due date (late), the head again and tf right.
  await attempt(
    bob.id,
    { pick: { type: "single", optionId: "b" }, tf: { type: "truefalse", value: false } },
    new Date(due.getTime() + 1000),
  );
  // Removed: a wrong answer that must vanish with the membership.
  await attempt(
    removed.id,
    { pick: { type: "single", optionId: "c" }, tf: { type: "truefalse", value: true } },
    new Date(due.getTime() - DAY),
  );
  // The other cohort's student never appears here, even with an attempt in this assignment's context.
  await attempt(otherStudent.id, { pick: { type: "single", optionId: "c" } }, new Date(due.getTime() - DAY));
  await prisma.challengeSubmission.create({
    data: {
      assignmentId: challenge.id,
      userId: ann.id,
      settings: {},
      claimed: { testAccuracy: 1 },
      status: "graded",
      testAccuracy: 0.83,
      trainingFlops: 5e8,
      passed: true,
      submittedAt: now,
    },
  });
  await prisma.labRun.createMany({
    data: [
      { userId: ann.id, preset: "cost", backend: "wasm", settings: {}, results: [], createdAt: new Date(now.getTime() - DAY) },
      { userId: ann.id, preset: "cost", backend: "wasm", settings: {}, results: [], createdAt: new Date(joined.getTime() - DAY) }, // before joining
    ],
  });
  const fresh = async (v: typeof owner) => actorOf(await reloadViewer(v));
  return {
    prisma,
    cohortId: cohort.id,
    assignmentId: assignment.id,
    challengeId: challenge.id,
    users: { owner, instructor, ann, bob, removed, otherStudent, otherInstructor, stranger },
    actors: {
      owner: await fresh(owner),
      instructor: await fresh(instructor),
      ann: await fresh(ann),
      removed: await fresh(removed),
      otherStudent: await fresh(otherStudent),
      otherInstructor: await fresh(otherInstructor),
      stranger: await fresh(stranger),
    },
  };
}

describeEachDatabase("cohort dashboard", () => {
  it("counts completion, lateness, mastery and wrong options from the students' latest attempts; a student sees only their row", async () => {
    const now = new Date();
    const w = await cohortWithWork(now);
    // The removed student leaves before the instructor looks.
    await w.prisma.membership.deleteMany({ where: { scopeType: "cohort", scopeId: w.cohortId, userId: w.users.removed.id } });

    for (const staff of [w.actors.owner, w.actors.instructor]) {
      const d = await getCohortDashboard(staff, w.cohortId, now);
      expect(d.scope).toBe("all");
      expect(d.students.map((s) => s.name).sort()).toEqual(['=HYPERLINK("http://x")', "Ann"].sort());
      const quiz = d.assignments.find((a) => a.id === w.assignmentId)!;
      expect(quiz).toMatchObject({ submitted: 2, late: 1, overdue: 0, students: 2 });
      const lab = d.assignments.find((a) => a.id === w.challengeId)!;
      expect(lab).toMatchObject({ submitted: 1, late: 0, overdue: 0 });
      expect(d.topics).toEqual(["custom"]);
      const ann = d.students.find((s) => s.userId === w.users.ann.id)!;
      const bob = d.students.find((s) => s.userId === w.users.bob.id)!;
      expect(ann.cells[0]).toMatchObject({ mastery: 1, items: 2, answered: 2 }); // the latest attempt, not the first
      expect(bob.cells[0]).toMatchObject({ mastery: 0.5, answered: 2 });
      expect(bob).toMatchObject({ submitted: 1, late: 1, overdue: 0 });
      expect(ann.challenges).toEqual([expect.objectContaining({ assignmentId: w.challengeId, passed: true, testAccuracy: 0.83 })]);
      expect(ann.labRuns.count).toBe(1); // the run from before joining is not the cohort's business
      // Only Bob's latest attempt holds a wrong choice: the head, with its rationale; Ann's old mistakes and the
      // removed and foreign students' choices are not counted.
      expect(d.wrongOptions).toEqual([
        expect.objectContaining({ itemId: "pick", answer: "The classifier head", rationale: "CANARY-WHY-HEAD-IS-WRONG", count: 1, of: 2 }),
      ]);
    }

    const own = await getCohortDashboard(w.actors.ann, w.cohortId, now);
    expect(own.scope).toBe("own");
    expect(own.students.map((s) => s.userId)).toEqual([w.users.ann.id]);
    expect(own.own).toEqual([
      { assignmentId: w.assignmentId, status: "done", submittedAt: expect.any(String) },
      { assignmentId: w.challengeId, status: "done", submittedAt: now.toISOString() },
    ]);
    expect(own.wrongOptions).toEqual([]); // Ann's latest attempt was all right; Bob's mistake is not hers to see
    expect(JSON.stringify(own)).not.toContain(w.users.bob.id);

    // The removed student's next request loads memberships afresh (as getViewer and API tokens do): refused.
    const removedNext = actorOf(await reloadViewer(w.users.removed));
    for (const outsider of [w.actors.otherStudent, w.actors.otherInstructor, w.actors.stranger, anonymousActor(), removedNext] as Actor[]) {
      await denied(getCohortDashboard(outsider, w.cohortId, now));
    }

    const csv = await getCohortDashboardCsv(w.actors.owner, w.cohortId, now);
    expect(csv.split("\r\n")[0]).toBe("name,email,submitted,late,overdue,lab_runs,mastery custom,Beat 80% accuracy,Beat 80% passed");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`); // neutralised, then quoted
    expect(csv).toContain("Ann,");
  });

  it("the overdue count: a student with nothing submitted after the due date", async () => {
    const now = new Date();
    const w = await cohortWithWork(now);
    const late = await createUser({ name: "Zed" });
    await w.prisma.membership.create({ data: { scopeType: "cohort", scopeId: w.cohortId, userId: late.id, role: "student" } });
    const d = await getCohortDashboard(w.actors.owner, w.cohortId, now);
    expect(d.assignments.find((a) => a.id === w.assignmentId)).toMatchObject({ students: 4, submitted: 3, overdue: 1 });
    expect(d.students.find((s) => s.userId === late.id)).toMatchObject({ submitted: 0, overdue: 1 });
    const zed = await getCohortDashboard(actorOf(await reloadViewer(late)), w.cohortId, now);
    expect(zed.own.map((o) => o.status)).toEqual(["overdue", "open"]);
  });

  it("GET /cohorts/{id}/dashboard and dashboard.csv: staff 200, a student their own row, everyone else 404, anonymous 401", async () => {
    const w = await cohortWithWork(new Date());
    const token = async (v: Parameters<typeof createApiToken>[0]) => (await createApiToken(v, "dashboard")).token;
    const t = {
      owner: await token(w.users.owner),
      instructor: await token(w.users.instructor),
      ann: await token(w.users.ann),
      removed: await token(w.users.removed),
      otherStudent: await token(w.users.otherStudent),
      otherInstructor: await token(w.users.otherInstructor),
      stranger: await token(w.users.stranger),
    };
    // Removal after the token was made: the next request no longer holds the membership.
    await w.prisma.membership.deleteMany({ where: { scopeType: "cohort", scopeId: w.cohortId, userId: w.users.removed.id } });
    const routes: [Handler, string][] = [
      [dashboardRoute.GET, `/cohorts/${w.cohortId}/dashboard`],
      [csvRoute.GET, `/cohorts/${w.cohortId}/dashboard.csv`],
    ];
    for (const [h, path] of routes) {
      for (const who of [t.owner, t.instructor]) {
        const r = await call(h, path, who, w.cohortId);
        expect(r.status).toBe(200);
        expect(r.headers.get("cache-control")).toBe("private, no-store");
      }
      const mine = await call(h, path, t.ann, w.cohortId);
      expect(mine.status).toBe(200);
      const body = await mine.text();
      expect(body).toContain("Ann");
      expect(body).not.toContain("HYPERLINK");
      for (const who of [t.removed, t.otherStudent, t.otherInstructor, t.stranger]) {
        const r = await call(h, path, who, w.cohortId);
        expect(r.status).toBe(404);
        expect(((await r.json()) as { error: string }).error).toBeTruthy();
      }
      expect((await call(h, path, null, w.cohortId)).status).toBe(401);
      expect((await call(h, path, t.owner, "no-such-cohort")).status).toBe(404);
    }
    const csv = await call(csvRoute.GET, `/cohorts/${w.cohortId}/dashboard.csv`, t.owner, w.cohortId);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const doc = openApiDocument() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/cohorts/{id}/dashboard", "/cohorts/{id}/dashboard.csv"]));
  });
});
