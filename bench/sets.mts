/**
 * `npm run bench -- sets [--candidates 300] [--items 30] [--reps 25]`: a set's results page and CSV, rendered on
 * the server against PostgreSQL, for 300 candidates × 30 items (docs/BENCHMARKS.md).
 *
 * The data set: a fresh database on the PostgreSQL server (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres),
 * migrated like production; one owner and one set of 30 items of all six types (12 single, 6 multiple,
 * 5 true/false, 4 numeric, 2 ordering, 1 free text); 300 submitted attempts in the set's context, each with its
 * own item snapshot and answers drawn from a seeded PRNG (seed 42: 60 % right, the rest a random wrong answer),
 * graded by the real engine (gradeAttempt), with a candidate row; every third candidate has an account and
 * 2 lab runs inside the attempt's window and 1 outside. Rows are written with createMany (the shape the app
 * writes, not through the start/submit path, which is measured by the integration tests instead).
 *
 * Timed, per rep: getSetResults (authorisation, queries, aggregation) + renderToString(<ResultsView>) — what the
 * page renders — and getSetResultsCsv. Median and p90 of `reps` after 3 warm-up reps.
 */
import os from "node:os";
import pg from "pg";
import "./support/no-server-only.mjs";
import { median, p90, parseNumberFlags } from "./support/stats.mjs";

// Measure what production runs: React's production build (the app's server runs with NODE_ENV=production).
(process.env as Record<string, string>).NODE_ENV = "production";

type Flags = { candidates: number; items: number; reps: number };

const parseFlags = (flags: string[]): Flags => parseNumberFlags(flags, { candidates: 300, items: 30, reps: 25 });

export async function runSetsBench(rawFlags: string[]) {
  const flags = parseFlags(rawFlags);
  const base = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `layerwise_bench_sets_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  try {
    return await measure(flags);
  } finally {
    const { getDatabase } = await import("../server/db.js");
    await (await getDatabase()).close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

async function measure(flags: Flags) {
  const { migrate, readMigrations } = await import("../server/migrate.js");
  const { getPrisma, getDatabase } = await import("../server/db.js");
  const { createSet, getSetResults, getSetResultsCsv } = await import("../server/data/sets.js");
  const { loadMemberships } = await import("../server/permissions/memberships.js");
  const { gradeAttempt } = await import("../lib/quiz/grade.js");
  const { mulberry32 } = await import("../lib/random.js");
  const { DEFAULT_LAB_SETTINGS } = await import("../lib/lab/shared.js");
  const { renderToString } = await import("react-dom/server");
  const { createElement } = await import("react");
  const { ResultsView } = await import("../components/sets/results-view.js");
  // The page's client parts (the free-text grade form) read Next's router, which the app's server render provides;
  // outside Next the same context is given a router that is never called during a render.
  const { AppRouterContext } = await import("next/dist/shared/lib/app-router-context.shared-runtime.js");
  const unused = () => {
    throw new Error("router used during render");
  };
  const router = { back: unused, forward: unused, refresh: unused, push: unused, replace: unused, prefetch: unused, bfcacheId: "bench" };

  await migrate((await getDatabase()).sql, readMigrations());
  const prisma = await getPrisma();
  const random = mulberry32(42);
  const owner = await prisma.user.create({ data: { email: "owner@bench.test", name: "Owner" }, select: { id: true } });
  const actor0 = { kind: "user" as const, userId: owner.id, roles: [] };
  const items = makeItems(flags.items);
  const set = await createSet(actor0, { title: "Bench set", items: items.map((item) => ({ from: "custom" as const, item })) });
  const snapshot = set.items.map((s) => s.item);
  const actor = { kind: "user" as const, userId: owner.id, roles: await loadMemberships(owner.id) };

  const t0 = Date.parse("2026-12-01T09:00:00Z");
  const attempts = [];
  const candidates = [];
  const labRuns = [];
  const users = [];
  for (let c = 0; c < flags.candidates; c++) {
    const answers = Object.fromEntries(snapshot.map((item) => [item.id, answerFor(item, random)]));
    const grade = gradeAttempt(snapshot, answers);
    const startedAt = new Date(t0 + c * 60_000);
    const submittedAt = new Date(startedAt.getTime() + 600_000 + Math.floor(random() * 900_000));
    const id = `bench-attempt-${c}`;
    let userId: string | null = null;
    if (c % 3 === 0) {
      userId = `bench-user-${c}`;
      users.push({ id: userId, email: `cand${c}@bench.test`, name: `Candidate ${c}` });
      for (const [k, at] of [
        [0, startedAt.getTime() + 60_000],
        [1, startedAt.getTime() + 120_000],
        [2, submittedAt.getTime() + 60_000],
      ] as const) {
        labRuns.push({
          id: `bench-run-${c}-${k}`,
          userId,
          preset: "cost",
          backend: "wasm",
          settings: DEFAULT_LAB_SETTINGS,
          results: [{ valAccuracy: 0.9, totalMs: 1200 }],
          calibration: 70,
          createdAt: new Date(at),
        });
      }
    }
    attempts.push({
      id,
      userId,
      guestKeyHash: userId ? null : `bench-guest-${c}`.padEnd(64, "0"),
      questionSlug: `set:${set.id}`,
      contextType: "set",
      contextId: set.id,
      mode: "full",
      itemsSnapshot: snapshot,
      seed: c,
      shuffle: true,
      startedAt,
      status: "submitted",
      submittedAt,
      answers,
      score: grade.score,
      maxScore: grade.max,
      results: grade.items,
    });
    candidates.push({ attemptId: id, setId: set.id, name: `Candidate ${c}`, email: `cand${c}@bench.test`, itemOrder: "fixed" });
  }
  await prisma.user.createMany({ data: users });
  await prisma.quizAttempt.createMany({ data: attempts as never });
  await prisma.setCandidate.createMany({ data: candidates });
  await prisma.labRun.createMany({ data: labRuns as never });

  const page: number[] = [];
  const data: number[] = [];
  const csv: number[] = [];
  let html = 0;
  let csvBytes = 0;
  for (let rep = 0; rep < flags.reps + 3; rep++) {
    const a = performance.now();
    const results = await getSetResults(actor, set.id);
    const mid = performance.now();
    // The page as a manager opens it, with one candidate's answers shown next to the key.
    html = renderToString(
      createElement(
        AppRouterContext.Provider,
        { value: router },
        createElement(ResultsView, { setId: set.id, results, candidate: results.candidates[0]!.attemptId, canGrade: true }),
      ),
    ).length;
    const b = performance.now();
    csvBytes = (await getSetResultsCsv(actor, set.id)).length;
    const c = performance.now();
    if (rep >= 3) {
      page.push(b - a);
      data.push(mid - a);
      csv.push(c - b);
    }
  }
  const result = {
    candidates: flags.candidates,
    items: flags.items,
    reps: flags.reps,
    resultsPageMs: { median: round(median(page)), p90: round(p90(page)) },
    csvMs: { median: round(median(csv)), p90: round(p90(csv)) },
    /** Of the page: getSetResults alone (authorisation, the two queries, parsing, aggregation). */
    resultsDataMs: { median: round(median(data)), p90: round(p90(data)) },
    htmlBytes: html,
    csvBytes,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg().map(round) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result;
}

const round = (x: number) => Math.round(x * 10) / 10;

type Item = import("../lib/schemas/quiz.js").QuizItem;

function makeItems(n: number): Item[] {
  const kinds = [
    "single",
    "single",
    "multiple",
    "single",
    "truefalse",
    "single",
    "numeric",
    "multiple",
    "single",
    "truefalse",
    "ordering",
    "single",
    "multiple",
    "numeric",
    "single",
    "truefalse",
    "single",
    "multiple",
    "numeric",
    "single",
    "truefalse",
    "single",
    "multiple",
    "ordering",
    "single",
    "numeric",
    "truefalse",
    "multiple",
    "single",
    "freetext",
  ] as const;
  return Array.from({ length: n }, (_, i): Item => {
    const base = { id: `item-${i + 1}`, prompt: `Question ${i + 1}: which statement about **layer freezing** holds?`, keyPoint: 0 };
    const opt = (k: number, correct: boolean) => ({
      id: `o${k}`,
      text: `Option ${k} of item ${i + 1}`,
      correct,
      rationale: `Why option ${k} is ${correct ? "right" : "wrong"}.`,
    });
    switch (kinds[i % kinds.length]!) {
      case "single":
        return { ...base, type: "single", options: [opt(1, true), opt(2, false), opt(3, false), opt(4, false)] };
      case "multiple":
        return { ...base, type: "multiple", options: [opt(1, true), opt(2, true), opt(3, false), opt(4, false)] };
      case "truefalse":
        return { ...base, type: "truefalse", answer: i % 2 === 0, rationale: "Because." };
      case "numeric":
        return { ...base, type: "numeric", answer: 42, tolerance: 1, rationale: "Counted." };
      case "ordering":
        return {
          ...base,
          type: "ordering",
          entries: [1, 2, 3, 4].map((k) => ({ id: `e${k}`, text: `Step ${k}` })),
          rationale: "In order.",
        };
      case "freetext":
        return { ...base, type: "freetext", rubric: ["Names the cost", "Names the data"], modelAnswer: "Freezing saves compute." };
    }
  });
}

function answerFor(item: Item, random: () => number): unknown {
  const right = random() < 0.6;
  switch (item.type) {
    case "single": {
      const wrong = item.options.filter((o) => !o.correct);
      return { type: "single", optionId: right ? item.options.find((o) => o.correct)!.id : wrong[Math.floor(random() * wrong.length)]!.id };
    }
    case "multiple":
      return {
        type: "multiple",
        optionIds: right ? item.options.filter((o) => o.correct).map((o) => o.id) : [item.options[0]!.id, item.options[3]!.id],
      };
    case "truefalse":
      return { type: "truefalse", value: right ? item.answer : !item.answer };
    case "numeric":
      return { type: "numeric", value: right ? item.answer : item.answer + 3 + Math.floor(random() * 5) };
    case "ordering": {
      const ids = item.entries.map((e) => e.id);
      return { type: "ordering", order: right ? ids : [ids[1], ids[0], ...ids.slice(2)] };
    }
    case "freetext":
      return { type: "freetext", text: "Freezing early layers saves compute and needs less data." };
  }
}
