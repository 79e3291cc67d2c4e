/**
 * `npm run bench -- load`: throughput, latency and memory of the production server under load (issue 14).
 * The server is pinned to core 0 and autocannon to core 1; a bare Next.js app (bench/bare-app) is built in the
 * same run and each app route is paired with a measurement of its ceiling (the bare page, or the bare route
 * handler) taken just before it, so each ratio compares like with like on whatever load the machine has then.
 * Each database kind gets a fresh migrated database with a signed-in fixture user.
 * Flags: --db pglite|postgres|both (default both), --seconds N per route (default 10), --connections N (default 50).
 */
import fs from "node:fs";
import {
  autocannon,
  buildBareApp,
  createDatabase,
  createFixtureUser,
  ensureAppBuild,
  flagValue,
  machineLoad,
  migrate,
  sampleRss,
  startApp,
  startBareApp,
  type DbKind,
  type LoadResult,
} from "../tests/support/app-server.mjs";

const SERVER_CPU = 0;
const LOAD_CPU = 1;

interface Route {
  name: string;
  path: string;
  /** "cookie" or "token" when the request is signed in. */
  auth?: "cookie" | "token";
  connections?: number;
}

const APP_ROUTES: Route[] = [
  { name: "home (prebuilt)", path: "/" },
  { name: "question page (prebuilt)", path: "/questions/layer-freezing" },
  { name: "/questions (per request)", path: "/questions?q=freezing" },
  { name: "/api/v1/questions", path: "/api/v1/questions?q=freezing" },
  { name: "/api/health", path: "/api/health" },
  { name: "/dashboard signed in, 10 connections", path: "/dashboard", auth: "cookie", connections: 10 },
];

/** CPU time (user + system) a process and its children have used so far, in ms (`next start` may fork its server). */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    const children = fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    return own + children.reduce((sum, c) => sum + cpuMs(c), 0);
  } catch {
    return 0; // gone
  }
}
const CLOCK_TICKS = 100;

async function measure(
  pid: number,
  base: string,
  route: Route,
  seconds: number,
  connections: number,
  creds?: { sessionToken: string; apiToken: string },
) {
  const headers: Record<string, string> = {};
  if (route.auth === "cookie" && creds) headers.cookie = `authjs.session-token=${creds.sessionToken}`;
  if (route.auth === "token" && creds) headers.authorization = `Bearer ${creds.apiToken}`;
  const c = route.connections ?? connections;
  await autocannon({ url: base + route.path, connections: c, seconds: 2, cpu: LOAD_CPU, headers }); // warm-up
  const cpuBefore = cpuMs(pid);
  const r = await autocannon({ url: base + route.path, connections: c, seconds, cpu: LOAD_CPU, headers });
  return { ...r, cpuMsPerRequest: r.requests ? Math.round(((cpuMs(pid) - cpuBefore) / r.requests) * 100) / 100 : null };
}

export async function runLoadBench(flags: string[]) {
  const seconds = Number(flagValue(flags, "seconds", "10"));
  const connections = Number(flagValue(flags, "connections", "50"));
  const dbFlag = flagValue(flags, "db", "both");
  const kinds: DbKind[] = dbFlag === "both" ? ["pglite", "postgres"] : [dbFlag as DbKind];
  const before = machineLoad();

  ensureAppBuild();
  buildBareApp();
  // The bare app stays up through the whole run (idle, it costs no CPU): each app route is paired with a bare
  // measurement of its ceiling taken just before it, so a ratio compares two runs under the same machine load.
  const bare = await startBareApp({ port: 3190, cpu: SERVER_CPU });
  const bareRss = sampleRss(bare.pid);
  const ceilings: Record<string, Route> = {
    page: { name: "bare page", path: "/" },
    handler: { name: "bare handler", path: "/api/ping" },
  };
  const baseline: Record<string, LoadResult[]> = { page: [], handler: [] };
  const apps: Record<string, unknown> = {};
  try {
    for (const kind of kinds) {
      const db = await createDatabase(kind, "load");
      try {
        migrate(db.env);
        const creds = createFixtureUser(db.env);
        const app = await startApp({ port: 3191, env: db.env, cpu: SERVER_CPU });
        const idle = sampleRss(app.pid).stop();
        const rss = sampleRss(app.pid);
        const routes: Record<string, LoadResult & { ofBare: number; bareRps: number; loadavg: number }> = {};
        try {
          for (const route of APP_ROUTES) {
            const ceilingKind = route.path.startsWith("/api/") || route.path.startsWith("/questions?") ? "handler" : "page";
            const ceiling = await measure(bare.pid, bare.url, ceilings[ceilingKind]!, seconds, route.connections ?? connections);
            baseline[ceilingKind]!.push(ceiling);
            const r = await measure(app.pid, app.url, route, seconds, connections, creds);
            const loadavg = machineLoad().loadavg[0]!;
            routes[route.name] = { ...r, bareRps: ceiling.rps, ofBare: Math.round((r.rps / ceiling.rps) * 100) / 100, loadavg };
            process.stderr.write(
              `${kind} ${route.name}: ${r.rps} rps (bare ${ceilingKind} ${ceiling.rps}, ${Math.round((r.rps / ceiling.rps) * 100)}%), ` +
                `p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, CPU ${r.cpuMsPerRequest} ms/request (bare ${ceiling.cpuMsPerRequest}), load ${loadavg}\n`,
            );
          }
        } finally {
          await app.stop();
        }
        apps[kind] = { idleRssMiB: Math.round(idle), peakRssMiB: rss.stop(), routes };
      } finally {
        await db.drop();
      }
    }
  } finally {
    await bare.stop();
  }
  const bareFigures = { ...baseline, peakRssMiB: bareRss.stop() };
  return { machine: { before, after: machineLoad() }, seconds, connections, bare: bareFigures, app: apps };
}
