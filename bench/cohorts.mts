/**
 * `npm run bench -- cohorts [--students 500] [--attempts 10] [--reps 15]`: a cohort's instructor dashboard
 * (getCohortDashboard + renderToString(<DashboardView>), what /cohorts/<id> renders) and its CSV, on PostgreSQL,
 * for 500 students × 50 questions × 10 attempts = 250,000 submitted attempts (issue 11, target < 300 ms median).
 *
 * The data set: a fresh database on the PostgreSQL server (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres),
 * migrated like production. One instructor (the cohort's owner), 500 student users with student memberships;
 * 50 set assignments, each a set of one question made with the real createSet: the bank's 45 questions with
 * quizzes (all their items, origin "bank", so topics come from the bank) and 5 sets of 4 custom items; half of
 * the assignments are past due. Every student made 10 submitted attempts at every set assignment
 * (context "assignment"), each with the set's item snapshot, answers drawn from a seeded PRNG (mulberry32(42);
 * each student has an ability between 0.3 and 0.9 that improves over the 10 attempts, a wrong answer is a random
 * wrong option) and graded by the real engine (gradeAttempt); 5 % of students never submit the past-due work.
 * Plus 2 lab-challenge assignments with 1–3 graded submissions per student and 5 lab runs per student.
 * Rows are bulk-inserted with INSERT … SELECT FROM unnest(…) in batches (the shape the app writes; the start/submit
 * path is the integration tests' job), then VACUUM ANALYZE (what autovacuum does on a live table).
 *
 * Timed, per rep: the dashboard data + its HTML, and the CSV. Median and p90 of `reps` after 3 warm-up reps.
 * Also printed: EXPLAIN (ANALYZE, BUFFERS) of the heatmap query.
 */
import os from "node:os";
import pg from "pg";
import "./support/no-server-only.mjs";
import { median, p90, parseNumberFlags } from "./support/stats.mjs";

(process.env as Record<string, string>).NODE_ENV = "production";

type Flags = { students: number; attempts: number; reps: number };

const parseFlags = (flags: string[]): Flags => parseNumberFlags(flags, { students: 500, attempts: 10, reps: 15 });
const round = (x: number) => Math.round(x * 10) / 10;
const DAY = 86_400_000;

export async function runCohortsBench(rawFlags: string[]) {
  const flags = parseFlags(rawFlags);
  const base = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `layerwise_bench_cohorts_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  try {
    return await measure(flags, url.toString());
  } finally {
    const { getDatabase } = await import("../server/db.js");
    await (await getDatabase()).close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

type Item = import("../lib/schemas/quiz.js").QuizItem;

async function measure(flags: Flags, dbUrl: string) {
  const { migrate, readMigrations } = await import("../server/migrate.js");
  const { getPrisma, getDatabase } = await import("../server/db.js");
  const { createSet } = await import("../server/data/sets.js");
  const { getCohortDashboard, getCohortDashboardCsv } = await import("../server/data/cohort-dashboard.js");
  const { loadMemberships } = await import("../server/permissions/memberships.js");
  const { getBank } = await import("../server/content.js");
  const { gradeAttempt } = await import("../lib/quiz/grade.js");
  const { mulberry32 } = await import("../lib/random.js");
  const { DEFAULT_LAB_SETTINGS } = await import("../lib/lab/shared.js");
  const { renderToString } = await import("react-dom/server");
  const { createElement } = await import("react");
  const { DashboardView } = await import("../components/cohorts/dashboard-view.js");

  const built = performance.now();
  await migrate((await getDatabase()).sql, readMigrations());
  const prisma = await getPrisma();
  const random = mulberry32(42);
  const now = new Date();
  const owner = await prisma.user.create({ data: { email: "instructor@bench.test", name: "Instructor" }, select: { id: true } });
  const ownerActor0 = { kind: "user" as const, userId: owner.id, roles: [] };
  const cohortId = "bench-cohort";
  await prisma.cohort.create({ data: { id: cohortId, title: "Bench cohort", createdById: owner.id } });
  const students = Array.from({ length: flags.students }, (_, s) => ({
    id: `bench-student-${s}`,
    email: `s${s}@bench.test`,
    name: `Student ${s}`,
  }));
  await prisma.user.createMany({ data: students });
  await prisma.membership.createMany({
    data: [
      { scopeType: "cohort", scopeId: cohortId, userId: owner.id, role: "owner", createdAt: new Date(now.getTime() - 30 * DAY) },
      ...students.map((s) => ({
        scopeType: "cohort",
        scopeId: cohortId,
        userId: s.id,
        role: "student",
        createdAt: new Date(now.getTime() - 30 * DAY),
      })),
    ],
  });

  // 50 questions: the bank's questions with quizzes, then sets of custom items up to 50.
  const bank = getBank().filter((b) => b.quiz.length > 0);
  const sets: { id: string; items: Item[] }[] = [];
  for (let q = 0; q < 50; q++) {
    const input =
      q < bank.length
        ? [{ from: "bank" as const, slug: bank[q]!.question.slug }]
        : Array.from({ length: 4 }, (_, k) => ({ from: "custom" as const, item: customItem(q, k) }));
    const set = await createSet(ownerActor0, { title: `Question ${q + 1}`, items: input });
    sets.push({ id: set.id, items: set.items.map((s) => s.item) });
  }
  const assignments = sets.map((s, q) => ({
    id: `bench-assign-${q}`,
    cohortId,
    kind: "set",
    title: `Assignment ${q + 1}`,
    setId: s.id,
    // Even assignments are past due (1–25 days ago), odd ones due in the coming weeks.
    dueAt: new Date(now.getTime() + (q % 2 === 0 ? -(1 + (q % 25)) : 1 + (q % 20)) * DAY),
    createdById: owner.id,
  }));
  const challengeIds = ["bench-challenge-0", "bench-challenge-1"];
  await prisma.cohortAssignment.createMany({
    data: [
      ...assignments,
      ...challengeIds.map((id, k) => ({
        id,
        cohortId,
        kind: "lab-challenge",
        title: `Lab challenge ${k + 1}`,
        challenge: { base: "disjoint", n: 100, seed: 1, minTestAccuracy: 0.8, budget: { kind: "flops", maxFlops: 1e9 } },
        dueAt: new Date(now.getTime() + (k === 0 ? -3 : 5) * DAY),
        createdById: owner.id,
      })),
    ],
  });

  // Attempts: per assignment one batch of students × attempts rows.
  const ability = students.map(() => 0.3 + 0.6 * random());
  const dropout = students.map(() => random() < 0.05);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  let total = 0;
  for (let q = 0; q < assignments.length; q++) {
    const a = assignments[q]!;
    const items = sets[q]!.items;
    const cols = {
      id: [] as string[],
      user: [] as string[],
      answers: [] as string[],
      results: [] as string[],
      score: [] as number[],
      max: [] as number[],
      started: [] as string[],
      submitted: [] as string[],
    };
    for (let s = 0; s < students.length; s++) {
      if (dropout[s] && a.dueAt < now) continue;
      for (let k = 0; k < flags.attempts; k++) {
        const p = Math.min(0.97, ability[s]! + 0.03 * k);
        const answers = Object.fromEntries(items.map((item) => [item.id, answerFor(item, random() < p, random)]));
        const grade = gradeAttempt(items, answers);
        // Spread over the 20 days before the due date (or before now), oldest first.
        const end = Math.min(now.getTime(), a.dueAt.getTime() + (random() < 0.1 ? DAY : 0));
        const started = end - (20 - 2 * k) * DAY + Math.floor(random() * DAY);
        cols.id.push(`bench-att-${q}-${s}-${k}`);
        cols.user.push(students[s]!.id);
        cols.answers.push(JSON.stringify(answers));
        cols.results.push(JSON.stringify(grade.items));
        cols.score.push(grade.score);
        cols.max.push(grade.max);
        cols.started.push(new Date(started).toISOString());
        cols.submitted.push(new Date(started + 600_000 + Math.floor(random() * 600_000)).toISOString());
      }
    }
    await client.query(
      `INSERT INTO quiz_attempts (id, user_id, question_slug, context_type, context_id, mode, items_snapshot, seed, shuffle,
         started_at, status, submitted_at, answers, score, max_score, results, answers_version)
       SELECT t.id, t.user_id, $1, 'assignment', $2, 'full', $3::jsonb, 1, false, t.started::timestamptz, 'submitted', t.submitted::timestamptz,
              t.answers::jsonb, t.score, t.max, t.results::jsonb, 1
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[], $11::text[])
         AS t(id, user_id, answers, results, score, max, started, submitted)`,
      [
        `set:${a.setId}`,
        a.id,
        JSON.stringify(items),
        cols.id,
        cols.user,
        cols.answers,
        cols.results,
        cols.score,
        cols.max,
        cols.started,
        cols.submitted,
      ],
    );
    await client.query(
      `INSERT INTO assignment_attempts (attempt_id, assignment_id, user_id, late, item_order)
       SELECT a.id, $1, a.user_id, a.submitted_at > $2::timestamptz, 'fixed' FROM quiz_attempts a WHERE a.context_type = 'assignment' AND a.context_id = $1`,
      [a.id, a.dueAt.toISOString()],
    );
    total += cols.id.length;
  }
  const subs = [];
  const runs = [];
  for (let s = 0; s < students.length; s++) {
    for (const [k, id] of challengeIds.entries()) {
      const n = 1 + Math.floor(random() * 3);
      for (let j = 0; j < n; j++) {
        const acc = 0.6 + 0.35 * random();
        subs.push({
          id: `bench-sub-${s}-${k}-${j}`,
          assignmentId: id,
          userId: students[s]!.id,
          settings: DEFAULT_LAB_SETTINGS,
          status: "graded",
          testAccuracy: acc,
          trainingFlops: 5e8 + Math.floor(random() * 1e9),
          passed: acc >= 0.8,
          late: k === 0 && random() < 0.1,
          submittedAt: new Date(now.getTime() - (10 - j) * DAY),
          gradedAt: new Date(now.getTime() - (10 - j) * DAY + 60_000),
        });
      }
    }
    for (let j = 0; j < 5; j++)
      runs.push({
        id: `bench-run-${s}-${j}`,
        userId: students[s]!.id,
        preset: "cost",
        backend: "wasm",
        settings: DEFAULT_LAB_SETTINGS,
        results: [{ valAccuracy: 0.9, totalMs: 1200 }],
        calibration: 70,
        createdAt: new Date(now.getTime() - j * 3 * DAY),
      });
  }
  await prisma.challengeSubmission.createMany({ data: subs as never });
  await prisma.labRun.createMany({ data: runs as never });
  await client.query("VACUUM ANALYZE");
  const setupSeconds = round((performance.now() - built) / 1000);
  const size = (await client.query<{ s: string }>(`SELECT pg_size_pretty(pg_total_relation_size('quiz_attempts')) AS s`)).rows[0]!.s;

  const actor = { kind: "user" as const, userId: owner.id, roles: await loadMemberships(owner.id) };
  const student = { kind: "user" as const, userId: students[0]!.id, roles: await loadMemberships(students[0]!.id) };
  const page: number[] = [];
  const data: number[] = [];
  const csv: number[] = [];
  const own: number[] = [];
  let html = 0;
  let csvBytes = 0;
  let shape = {};
  for (let rep = 0; rep < flags.reps + 3; rep++) {
    const t0 = performance.now();
    const d = await getCohortDashboard(actor, cohortId);
    const t1 = performance.now();
    html = renderToString(createElement(DashboardView, { data: d })).length;
    const t2 = performance.now();
    csvBytes = (await getCohortDashboardCsv(actor, cohortId)).length;
    const t3 = performance.now();
    await getCohortDashboard(student, cohortId);
    const t4 = performance.now();
    if (rep >= 3) {
      data.push(t1 - t0);
      page.push(t2 - t0);
      csv.push(t3 - t2);
      own.push(t4 - t3);
    }
    shape = {
      students: d.students.length,
      topics: d.topics.length,
      assignments: d.assignments.length,
      wrongOptions: d.wrongOptions.length,
    };
  }

  // The heatmap query's plan, with the bench's own ids (the same SQL the data layer sends).
  const studentIds = students.map((s) => s.id);
  const plan = await client.query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
     WITH latest AS MATERIALIZED (
       SELECT q.context_id, q.user_id, q.results
       FROM (SELECT a.id AS assignment_id, u.id AS user_id FROM unnest($1::text[]) AS a(id) CROSS JOIN unnest($2::text[]) AS u(id)) p
       CROSS JOIN LATERAL (
         SELECT id FROM quiz_attempts
         WHERE context_type = 'assignment' AND context_id = p.assignment_id AND user_id = p.user_id AND status = 'submitted'
         ORDER BY submitted_at DESC LIMIT 1) l
       JOIN quiz_attempts q ON q.id = l.id)
     SELECT l.user_id, sum(CASE WHEN (r->>'max')::float8 > 0 THEN (r->>'score')::float8 / (r->>'max')::float8 ELSE 0 END), count(*)
     FROM latest l CROSS JOIN LATERAL jsonb_array_elements(l.results) r GROUP BY l.user_id`,
    [assignments.map((a) => a.id), studentIds],
  );
  await client.end();
  const result = {
    students: flags.students,
    questions: assignments.length,
    attemptsPerStudentAndQuestion: flags.attempts,
    attempts: total,
    quizAttemptsTableSize: size,
    setupSeconds,
    reps: flags.reps,
    dashboardPageMs: { median: round(median(page)), p90: round(p90(page)) },
    dashboardDataMs: { median: round(median(data)), p90: round(p90(data)) },
    studentOwnRowMs: { median: round(median(own)), p90: round(p90(own)) },
    csvMs: { median: round(median(csv)), p90: round(p90(csv)) },
    htmlBytes: html,
    csvBytes,
    shape,
    heatmapPlan: plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg().map(round) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result;
}

function customItem(q: number, k: number): Item {
  const opt = (n: number, correct: boolean) => ({
    id: `o${n}`,
    text: `Option ${n} of custom item ${q}.${k}`,
    correct,
    rationale: `Why option ${n} is ${correct ? "right" : "wrong"}.`,
  });
  return {
    id: `c${q}-${k}`,
    type: "single",
    prompt: `Custom question ${q}.${k}`,
    keyPoint: 0,
    options: [opt(1, true), opt(2, false), opt(3, false)],
  };
}

function answerFor(item: Item, right: boolean, random: () => number): unknown {
  switch (item.type) {
    case "single": {
      const wrong = item.options.filter((o) => !o.correct);
      return {
        type: "single",
        optionId: right || !wrong.length ? item.options.find((o) => o.correct)!.id : wrong[Math.floor(random() * wrong.length)]!.id,
      };
    }
    case "multiple": {
      const correct = item.options.filter((o) => o.correct).map((o) => o.id);
      const wrong = item.options.filter((o) => !o.correct).map((o) => o.id);
      return {
        type: "multiple",
        optionIds: right || !wrong.length ? correct : [...correct.slice(1), wrong[Math.floor(random() * wrong.length)]!],
      };
    }
    case "truefalse":
      return { type: "truefalse", value: right ? item.answer : !item.answer };
    case "numeric":
      return { type: "numeric", value: right ? item.answer : item.answer + 10 * (item.tolerance || 1) + 1 };
    case "ordering": {
      const ids = item.entries.map((e) => e.id);
      return { type: "ordering", order: right ? ids : [ids[1], ids[0], ...ids.slice(2)] };
    }
    case "freetext":
      return { type: "freetext", text: "An answer in the student's words." };
  }
}
