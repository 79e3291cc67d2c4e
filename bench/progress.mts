/**
 * `npm run bench -- progress`: /dashboard and /review rendered by the production server on PostgreSQL
 * for one user with 5,000 submitted quiz attempts and 2,000 review cards (issue 12, target < 100 ms median).
 *
 * The data set (deterministic, seeded PRNG):
 * - 5,000 submitted attempts spread over the last 180 days, round-robin over the 30 questions of the bank,
 *   each with the question's real item snapshot and per-item results (60% of items right);
 * - 2,000 FSRS cards made with the app's own scheduler: one for each of the bank's 175 items, the rest
 *   for items of 150 extra question slugs (as a larger bank would give); due dates from 30 days ago to
 *   60 days ahead, so about a third are due;
 * - a self-grade on every question and 200 lab runs.
 * Rows go straight into PostgreSQL; a session row gives the client a cookie. The server is
 * scripts/start.mjs (migrate, then serve the build) on BENCH_PORT (default 4104) against a fresh
 * database. Each page is requested 5 times to warm up, then --reps times (default 40); times are
 * wall clock at the client on the same machine (the whole server render plus loopback HTTP).
 * Flags: --reps N. Env: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import pg from "pg";
import { readBankFromDisk } from "@/lib/content/read-bank";
import { gradeAttempt, scheduleReview, type ReviewCard } from "@/lib/quiz";
import { DEFAULT_LAB_SETTINGS } from "@/lib/lab/shared";

const ATTEMPTS = 5000;
const CARDS = 2000;
const DAY = 86_400_000;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function makeData(url: string, now: Date) {
  const rand = mulberry32(12);
  const bank = readBankFromDisk();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const userId = "bench-progress-user";
  const token = crypto.randomBytes(32).toString("base64url");
  await db.query(`INSERT INTO users (id, email, name, updated_at) VALUES ($1, 'bench@progress.test', 'Bench', now())`, [userId]);
  await db.query(`INSERT INTO sessions (session_token, user_id, expires, updated_at) VALUES ($1, $2, $3, now())`, [
    token,
    userId,
    new Date(now.getTime() + DAY),
  ]);

  // Attempts, in batches of 250 rows per INSERT.
  for (let start = 0; start < ATTEMPTS; start += 250) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(ATTEMPTS, start + 250); i++) {
      const { question, quiz } = bank[i % bank.length]!;
      const answers: Record<string, unknown> = {};
      for (const item of quiz) if (rand() < 0.6 && item.type === "truefalse") answers[item.id] = { type: "truefalse", value: item.answer };
      const grade = gradeAttempt(quiz, answers);
      const submitted = new Date(now.getTime() - rand() * 180 * DAY);
      const p = values.length;
      rows.push(
        `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}, $${p + 6}, 'submitted', $${p + 7}, $${p + 8}, $${p + 9}, $${p + 10}::jsonb)`,
      );
      values.push(
        `bench-a${i}`,
        userId,
        question.slug,
        JSON.stringify(quiz),
        i,
        new Date(submitted.getTime() - 300_000),
        submitted,
        grade.score,
        grade.max,
        JSON.stringify(grade.items),
      );
    }
    await db.query(
      `INSERT INTO quiz_attempts (id, user_id, question_slug, items_snapshot, seed, started_at, status, submitted_at, score, max_score, results) VALUES ${rows.join(",")}`,
      values,
    );
  }

  // Cards: every bank item, then items of extra slugs, scheduled with the app's FSRS.
  const keys: [string, string][] = bank.flatMap(({ question, quiz }) => quiz.map((i) => [question.slug, i.id] as [string, string]));
  for (let q = 0; keys.length < CARDS; q++)
    for (let j = 0; j < 12 && keys.length < CARDS; j++) keys.push([`bench-extra-${q}`, `item-${j}`]);
  for (let start = 0; start < keys.length; start += 250) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const [slug, itemId] of keys.slice(start, start + 250)) {
      let card: ReviewCard | null = null;
      let t = new Date(now.getTime() - (60 + rand() * 60) * DAY);
      for (let r = 0; r < 4; r++) {
        card = scheduleReview(card, rand() < 0.8 ? "good" : "again", t);
        t = new Date(card.due);
      }
      const due = new Date(now.getTime() + (rand() * 90 - 30) * DAY);
      const stored = { ...card!, due: due.toISOString() };
      const p = values.length;
      rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}, now())`);
      values.push(userId, slug, itemId, JSON.stringify(stored), due);
    }
    await db.query(`INSERT INTO review_cards (user_id, question_slug, item_id, card, due, updated_at) VALUES ${rows.join(",")}`, values);
  }

  for (const { question } of bank) {
    const total = question.keyPoints.length;
    await db.query(
      `INSERT INTO question_progress (user_id, question_slug, key_points_hit, key_points_total, self_graded_at, revealed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5, now())`,
      [userId, question.slug, [...Array(total).keys()].filter(() => rand() < 0.5), total, new Date(now.getTime() - rand() * 30 * DAY)],
    );
  }
  const summary = {
    frozen: 0,
    cached: false,
    trainableParams: 18821,
    frozenParams: 0,
    trainFlopsPerSample: 95242,
    msPerEpoch: 12,
    totalMs: 250,
    trainAccuracy: 0.9,
    valAccuracy: 0.8,
  };
  for (let i = 0; i < 200; i++) {
    await db.query(
      `INSERT INTO lab_runs (id, user_id, backend, settings, results, prediction, calibration, created_at) VALUES ($1, $2, 'wasm', $3, $4, $5, $6, $7)`,
      [
        `bench-l${i}`,
        userId,
        JSON.stringify(DEFAULT_LAB_SETTINGS),
        JSON.stringify([summary]),
        JSON.stringify({ speedupK3: 3, bestFrozen: 1, bestAccuracy: 0.8 }),
        70,
        new Date(now.getTime() - rand() * 90 * DAY),
      ],
    );
  }
  // The steady state autovacuum would reach: statistics for the planner, a visibility map for index-only scans.
  await db.query("VACUUM ANALYZE");
  const counts = (
    await db.query(`SELECT (SELECT count(*) FROM quiz_attempts)::int AS attempts, (SELECT count(*) FROM review_cards)::int AS cards,
    (SELECT count(*) FROM review_cards WHERE due <= now())::int AS due`)
  ).rows[0] as { attempts: number; cards: number; due: number };
  await db.end();
  return { token, counts };
}

async function startServer(port: number, databaseUrl: string) {
  const url = `http://localhost:${port}`;
  const server = spawn("node", ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: `${os.tmpdir()}/layerwise-bench-progress`,
      AUTH_URL: url,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 420_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export async function runProgressBench(flags: string[]) {
  const i = flags.indexOf("--reps");
  const reps = i === -1 ? 40 : Number(flags[i + 1]);
  const base = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const name = "layerwise_bench_progress";
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const server = await startServer(Number(process.env.BENCH_PORT || 4104), u.toString());
  try {
    const { token, counts } = await makeData(u.toString(), new Date());
    const headers = { cookie: `authjs.session-token=${token}` };
    const pages: Record<string, { medianMs: number; p95Ms: number; minMs: number; bytes: number }> = {};
    for (const path of ["/dashboard", "/review"]) {
      const times: number[] = [];
      let bytes = 0;
      for (let r = 0; r < 5 + reps; r++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}${path}`, { headers });
        const html = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== 200 || !html.includes(path === "/dashboard" ? "Mastery by topic" : "Today&#x27;s session")) {
          throw new Error(`${path}: status ${res.status}, not the signed-in page`);
        }
        bytes = html.length;
        if (r >= 5) times.push(ms);
      }
      pages[path] = {
        medianMs: +quantile(times, 0.5).toFixed(1),
        p95Ms: +quantile(times, 0.95).toFixed(1),
        minMs: +Math.min(...times).toFixed(1),
        bytes,
      };
      process.stderr.write(`${path}: median ${pages[path].medianMs} ms, p95 ${pages[path].p95Ms} ms over ${reps} requests\n`);
    }
    return {
      database: "postgresql",
      data: counts,
      reps,
      pages,
      targetMedianMs: 100,
      loadavg: os.loadavg().map((x) => +x.toFixed(2)),
      cpus: os.cpus().length,
      at: new Date().toISOString(),
    };
  } finally {
    await server.stop();
  }
}
