/**
 * Production servers for the HTTP benchmarks (`load`, `faults`) and the multi-instance end-to-end tests
 * (scale-out, outage): the app as `npm start` serves it
 * (scripts/serve.mjs over a production build, migrated + seeded first), and a bare Next.js app built in
 * the same run as the framework's ceiling. Each server can be pinned to one core with `taskset`, so the
 * load generator gets the other one; each gets its own data folder or its own PostgreSQL database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
export const BARE_APP = path.join(ROOT, "bench", "bare-app");

export type DbKind = "pglite" | "postgres";

/** Where a bench's database lives, and the environment that points the app at it. */
export interface AppDatabase {
  kind: DbKind;
  env: Record<string, string>;
  /** The PostgreSQL URL (postgres only), for fixtures and checks made beside the server. */
  url?: string;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export async function createDatabase(kind: DbKind, label: string): Promise<AppDatabase> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `layerwise-bench-${label}-`));
    return { kind, env: { DATA_DIR: dir, DATABASE_URL: "" }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `layerwise_bench_${label.replace(/\W/g, "_")}_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `layerwise-bench-${label}-`)); // auth secret, lock files
  return {
    kind,
    url: u.toString(),
    env: { DATA_DIR: dir, DATABASE_URL: u.toString() },
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Builds the app once if there is no production build (as `npm start` would). */
export function ensureAppBuild() {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("the app's build failed");
}

/** Builds the bare baseline app (a static page and a route handler) — always, so it matches this Next. */
export function buildBareApp() {
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", BARE_APP], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("the bare app's build failed");
}

/** Runs migrations + seed for a bench database, then a fixtures script in the same (closed-again) database. */
export function migrate(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TSX, "--conditions=react-server", "scripts/db-migrate.mts", "--seed"], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("migration failed");
}

/** Creates a user with a session and an API token directly in the database (no UI, no rate limits). */
export function createFixtureUser(env: Record<string, string>): { userId: string; sessionToken: string; apiToken: string } {
  const r = spawnSync(process.execPath, [TSX, "--conditions=react-server", "tests/support/fixture-user.mts"], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`fixture user: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { userId: string; sessionToken: string; apiToken: string };
}

export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM, wait for the drain; SIGKILL after 20 s. */
  stop(): Promise<void>;
  /** kill -9, and wait until the process is gone. */
  kill9(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode})`);
    if (Date.now() > deadline) throw new Error(`${url} was not healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function wrap(child: ChildProcess, url: string): RunningServer {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    pid: child.pid!,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** `taskset -c <cpu>` in front of a command, when a core is named and taskset exists. */
function pinned(cpu: number | undefined, cmd: string, args: string[]): [string, string[]] {
  if (cpu === undefined || spawnSync("taskset", ["-V"]).status !== 0) return [cmd, args];
  return ["taskset", ["-c", String(cpu), cmd, ...args]];
}

/** The app's production server (scripts/serve.mjs), as `npm start` runs it after migrating. */
export async function startApp(opts: {
  port: number;
  env: Record<string, string>;
  cpu?: number;
  extraEnv?: Record<string, string>;
  quiet?: boolean;
}) {
  const url = `http://localhost:${opts.port}`;
  const secretFile = path.join(opts.env.DATA_DIR ?? os.tmpdir(), "bench-auth-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  const [cmd, args] = pinned(opts.cpu, process.execPath, ["scripts/serve.mjs"]);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...opts.env,
      NODE_ENV: "production",
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      AUTH_URL: url,
      AUTH_SECRET: fs.readFileSync(secretFile, "utf8"),
      ...opts.extraEnv,
    },
    stdio: ["ignore", "ignore", opts.quiet ? "ignore" : "inherit"],
  });
  await waitHealthy(`${url}/api/health`, child, 60_000);
  return wrap(child, url);
}

/** The bare Next.js app (`next start`), the framework's ceiling on this machine. */
export async function startBareApp(opts: { port: number; cpu?: number }) {
  const url = `http://127.0.0.1:${opts.port}`;
  const [cmd, args] = pinned(opts.cpu, process.execPath, [NEXT_BIN, "start", BARE_APP, "-H", "127.0.0.1", "-p", String(opts.port)]);
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
  await waitHealthy(`${url}/api/ping`, child, 60_000);
  return wrap(child, url);
}

/** Samples a process's resident memory every 100 ms; `stop()` returns the peak in MiB. */
export function sampleRss(pid: number) {
  let peak = 0;
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // the process is gone
    }
  };
  read();
  const timer = setInterval(read, 100);
  return {
    now: () => {
      read();
      return peak;
    },
    stop: () => {
      clearInterval(timer);
      read();
      return Math.round(peak);
    },
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process, pinned to its own core, against one URL. */
export function autocannon(opts: { url: string; connections: number; seconds: number; cpu?: number; headers?: Record<string, string> }) {
  const bin = path.join(ROOT, "node_modules", "autocannon", "autocannon.js");
  const headerArgs = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  const [cmd, args] = pinned(opts.cpu, process.execPath, [
    bin,
    "-j",
    "-c",
    String(opts.connections),
    "-d",
    String(opts.seconds),
    ...headerArgs,
    opts.url,
  ]);
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

export const flagValue = (flags: string[], name: string, fallback: string) => {
  const i = flags.indexOf(`--${name}`);
  return i === -1 ? fallback : (flags[i + 1] ?? fallback);
};

export function machineLoad() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
}
