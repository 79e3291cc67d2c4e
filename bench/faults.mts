/**
 * `npm run bench -- faults`: what an outage does to users and to acknowledged writes (issue 14).
 * Scenarios (each on a fresh database, the server pinned to core 0):
 *  - kill9: submit load, `kill -9` of the server mid-load, restart; every acknowledged submit must still be there;
 *  - pg-refusing: PostgreSQL behind a TCP proxy that refuses connections for 5 s, then comes back — what each
 *    kind of request answers meanwhile, how long recovery takes, and whether acknowledged submits survive;
 *  - slow-db: the same proxy adding latency to every packet — latency of signed-in pages and health;
 *  - read-only: a read-only data folder (bind mount, so even root cannot write) — what start-up says;
 *  - disk-full: the embedded database on a small tmpfs filled by submits — answers, and what survives a restart.
 * Flags: --only <scenario>[,<scenario>…]. Mount-based scenarios are skipped (and say so) without root.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ROOT,
  autocannon,
  createDatabase,
  createFixtureUser,
  ensureAppBuild,
  flagValue,
  machineLoad,
  migrate,
  startApp,
  type AppDatabase,
  type DbKind,
  type RunningServer,
} from "../tests/support/app-server.mjs";
import { startTcpProxy, type TcpProxy } from "../tests/support/tcp-proxy.mjs";

const PORT = 3192;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Creds {
  sessionToken: string;
  apiToken: string;
}

/** Start → submit loops on distinct questions per worker; records every acknowledged (200) submit. */
function submitLoad(url: () => string, creds: Creds, slugs: string[], workers: number) {
  const acked = new Map<string, number>();
  const statuses: Record<string, number> = {};
  let running = true;
  const auth = { authorization: `Bearer ${creds.apiToken}`, "content-type": "application/json" };
  const count = (k: string) => (statuses[k] = (statuses[k] ?? 0) + 1);
  const worker = async (w: number) => {
    for (let i = w; running; i += workers) {
      const slug = slugs[i % slugs.length]!;
      try {
        const start = await fetch(`${url()}/api/v1/attempts`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ slug }),
          signal: AbortSignal.timeout(5000),
        });
        count(`start ${start.status}`);
        if (start.status !== 201) {
          await sleep(50);
          continue;
        }
        const { attempt } = (await start.json()) as { attempt: { id: string; answersVersion: number } };
        const submit = await fetch(`${url()}/api/v1/attempts/${attempt.id}/submit`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ version: attempt.answersVersion }),
          signal: AbortSignal.timeout(5000),
        });
        count(`submit ${submit.status}`);
        if (submit.status === 200) {
          const { result } = (await submit.json()) as { result: { id: string; score: number } };
          acked.set(result.id, result.score);
        }
      } catch {
        count("network error");
        await sleep(50);
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    acked,
    statuses,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Every acknowledged submit read back after the fault: still submitted, same score. */
async function verifyAcked(url: string, creds: Creds, acked: Map<string, number>) {
  let present = 0;
  const missing: string[] = [];
  for (const [id, score] of acked) {
    const r = await fetch(`${url}/api/v1/attempts/${id}`, { headers: { authorization: `Bearer ${creds.apiToken}` } });
    const body = r.ok ? ((await r.json()) as { result?: { score: number; status: string } }) : {};
    if (body.result?.status === "submitted" && body.result.score === score) present++;
    else missing.push(id);
  }
  return { acknowledged: acked.size, presentAfter: present, lost: missing.length };
}

/** One start + submit per question first, so a cold server's first compiles do not fall inside the measured window. */
async function warmUp(url: string, creds: Creds, slugs: string[]) {
  const load = submitLoad(() => url, creds, slugs, 2);
  const deadline = Date.now() + 60_000;
  while (load.acked.size < 4) {
    if (Date.now() > deadline) {
      await load.stop();
      throw new Error(`warm-up: no submits acknowledged in 60 s (${JSON.stringify(load.statuses)})`);
    }
    await sleep(200);
  }
  await load.stop();
}

async function slugsOf(url: string): Promise<string[]> {
  const r = await fetch(`${url}/api/v1/questions`);
  const { questions } = (await r.json()) as { questions: { slug: string }[] };
  return questions.map((q) => q.slug);
}

async function withApp<T>(
  kind: DbKind,
  label: string,
  fn: (ctx: { db: AppDatabase; creds: Creds; app: RunningServer }) => Promise<T>,
  dbUrl?: (db: AppDatabase) => string,
) {
  const db = await createDatabase(kind, label);
  let app: RunningServer | undefined;
  try {
    migrate(db.env);
    const creds = createFixtureUser(db.env);
    const env = dbUrl ? { ...db.env, DATABASE_URL: dbUrl(db) } : db.env;
    app = await startApp({ port: PORT, env, cpu: 0 });
    return await fn({ db, creds, app });
  } finally {
    await app?.stop();
    await db.drop();
  }
}

async function kill9(kind: DbKind) {
  return withApp(kind, "kill9", async ({ db, creds, app }) => {
    const slugs = await slugsOf(app.url);
    let current = app;
    await warmUp(app.url, creds, slugs);
    const load = submitLoad(() => current.url, creds, slugs, 6);
    await sleep(8000);
    await current.kill9();
    const ackedAtKill = load.acked.size;
    await sleep(500);
    await load.stop();
    const restartAt = Date.now();
    current = await startApp({ port: PORT, env: db.env, cpu: 0 });
    const restartMs = Date.now() - restartAt;
    const check = await verifyAcked(current.url, creds, load.acked);
    await current.stop();
    return { ...check, ackedAtKill, restartMs, statuses: load.statuses };
  });
}

type Probe = { status: number; retryAfter: string | null; location: string | null };

async function probe(url: string, headers: Record<string, string>): Promise<Probe> {
  try {
    const r = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(5000) });
    return { status: r.status, retryAfter: r.headers.get("retry-after"), location: r.headers.get("location") };
  } catch {
    return { status: 0, retryAfter: null, location: null };
  }
}

/** withApp on PostgreSQL, with the app reaching it through a TCP proxy the scenario controls. */
async function withAppBehindProxy<T>(label: string, fn: (ctx: { creds: Creds; app: RunningServer; proxy: TcpProxy }) => Promise<T>) {
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  try {
    return await withApp(
      "postgres",
      label,
      (ctx) => fn({ ...ctx, proxy }),
      (db) => {
        const u = new URL(db.url!);
        u.port = String(proxy.port);
        return u.toString();
      },
    );
  } finally {
    await proxy.close();
  }
}

async function pgRefusing() {
  return withAppBehindProxy("refusing", async ({ creds, app, proxy }) => {
    const slugs = await slugsOf(app.url);
    await warmUp(app.url, creds, slugs);
    const load = submitLoad(() => app.url, creds, slugs, 3);
    const targets = {
      "/api/health": { path: "/api/health", headers: {} },
      "/dashboard (cookie)": { path: "/dashboard", headers: { cookie: `authjs.session-token=${creds.sessionToken}` } },
      "/api/v1/attempts (token)": { path: "/api/v1/questions/layer-freezing", headers: { authorization: `Bearer ${creds.apiToken}` } },
      "/signin (cookie)": { path: "/signin", headers: { cookie: `authjs.session-token=${creds.sessionToken}` } },
    };
    await sleep(3000);
    const ackedBefore = load.acked.size;
    await proxy.refuse();
    const during: Record<string, Record<string, number>> = {};
    const outageEnd = Date.now() + 5000;
    while (Date.now() < outageEnd) {
      for (const [name, t] of Object.entries(targets)) {
        const p = await probe(app.url + t.path, t.headers);
        const key = `${p.status}${p.retryAfter ? ` Retry-After ${p.retryAfter}` : ""}${p.location ? ` → ${new URL(p.location, app.url).pathname}` : ""}`;
        (during[name] ??= {})[key] = (during[name][key] ?? 0) + 1;
      }
      await sleep(250);
    }
    await proxy.restore();
    const restoredAt = Date.now();
    let recoveryMs: number | null = null;
    while (Date.now() - restoredAt < 30_000) {
      const [h, d] = await Promise.all([
        probe(app.url + "/api/health", {}),
        probe(app.url + "/dashboard", targets["/dashboard (cookie)"].headers),
      ]);
      if (h.status === 200 && d.status === 200) {
        recoveryMs = Date.now() - restoredAt;
        break;
      }
      await sleep(100);
    }
    await sleep(2000);
    await load.stop();
    const check = await verifyAcked(app.url, creds, load.acked);
    return { outageMs: 5000, during, recoveryMs, ackedBeforeOutage: ackedBefore, ...check, statuses: load.statuses };
  });
}

async function slowDb() {
  return withAppBehindProxy("slow", async ({ creds, app, proxy }) => {
    const out: Record<string, unknown> = {};
    for (const latencyMs of [0, 20, 100]) {
      proxy.latencyMs = latencyMs;
      const headers = { cookie: `authjs.session-token=${creds.sessionToken}` };
      const dash = await autocannon({ url: `${app.url}/dashboard`, connections: 10, seconds: 5, cpu: 1, headers });
      const health = await autocannon({ url: `${app.url}/api/health`, connections: 10, seconds: 3, cpu: 1 });
      out[`${latencyMs} ms per packet`] = { dashboard: dash, health };
    }
    return out;
  });
}

const canMount = () => process.getuid?.() === 0 && spawnSync("mount", ["--version"]).status === 0;

/** What `npm start`'s migrate step (the first to open the database) says on a read-only data folder. */
async function readOnly() {
  if (!canMount()) return { skipped: "needs root and mount" };
  const db = await createDatabase("pglite", "ro");
  migrate(db.env);
  const dir = path.join(db.env.DATA_DIR!, "pglite");
  const mounted = spawnSync("sh", ["-c", `mount --bind '${dir}' '${dir}' && mount -o remount,bind,ro '${dir}'`]).status === 0;
  try {
    if (!mounted) return { skipped: "bind mount refused" };
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const r = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/db-migrate.mts"], {
      cwd: ROOT,
      env: { ...process.env, ...db.env },
      encoding: "utf8",
    });
    return { exitCode: r.status, message: (r.stderr || r.stdout).trim().split("\n").slice(-1)[0] };
  } finally {
    if (mounted) spawnSync("umount", [dir]);
    await db.drop();
  }
}

/** Submits until a small tmpfs under the embedded database is full; then a bigger disk and a restart. */
async function diskFull() {
  if (!canMount()) return { skipped: "needs root and mount" };
  const db = await createDatabase("pglite", "full");
  migrate(db.env);
  const creds = createFixtureUser(db.env);
  const src = db.env.DATA_DIR!;
  const usedKb = Number(spawnSync("du", ["-sk", src], { encoding: "utf8" }).stdout.split("\t")[0]);
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-bench-tmpfs-"));
  const sizeKb = usedKb + 4096;
  if (spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", mnt]).status !== 0) return { skipped: "tmpfs mount refused" };
  let app: RunningServer | undefined;
  try {
    spawnSync("cp", ["-a", `${src}/.`, mnt]);
    const env = { ...db.env, DATA_DIR: mnt };
    app = await startApp({ port: PORT, env, cpu: 0 });
    const slugs = await slugsOf(app.url);
    const load = submitLoad(() => app!.url, creds, slugs, 4);
    const started = Date.now();
    let fullAt: number | null = null;
    while (Date.now() - started < 60_000) {
      await sleep(500);
      const free = Number(spawnSync("df", ["-k", "--output=avail", mnt], { encoding: "utf8" }).stdout.split("\n")[1]);
      if (free < 64 && fullAt === null) fullAt = Date.now();
      if (fullAt !== null && Date.now() - fullAt > 3000) break;
    }
    await load.stop();
    const health = await probe(`${app.url}/api/health`, {});
    await app.stop().catch(() => undefined);
    await app.kill9();
    spawnSync("mount", ["-o", `remount,size=${sizeKb + 65536}k`, mnt]);
    app = await startApp({ port: PORT, env, cpu: 0 }).catch((e: Error) => {
      throw new Error(`restart after disk full: ${e.message}`);
    });
    const check = await verifyAcked(app.url, creds, load.acked);
    return {
      tmpfsKb: sizeKb,
      filledAfterMs: fullAt ? fullAt - started : null,
      healthWhenFull: health.status,
      ...check,
      statuses: load.statuses,
    };
  } finally {
    await app?.stop();
    spawnSync("umount", [mnt]);
    fs.rmSync(mnt, { recursive: true, force: true });
    await db.drop();
  }
}

const SCENARIOS: Record<string, () => Promise<unknown>> = {
  "kill9 pglite": () => kill9("pglite"),
  "kill9 postgres": () => kill9("postgres"),
  "pg-refusing": pgRefusing,
  "slow-db": slowDb,
  "read-only": readOnly,
  "disk-full": diskFull,
};

export async function runFaultsBench(flags: string[]) {
  const only = flagValue(flags, "only", "").split(",").filter(Boolean);
  ensureAppBuild();
  const before = machineLoad();
  const results: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only.length && !only.some((o) => name.startsWith(o))) continue;
    process.stderr.write(`faults: ${name}…\n`);
    try {
      results[name] = await run();
    } catch (e) {
      results[name] = { error: (e as Error).message };
    }
    process.stderr.write(`faults: ${name}: ${JSON.stringify(results[name])}\n`);
  }
  return { machine: { before, after: machineLoad() }, results };
}
