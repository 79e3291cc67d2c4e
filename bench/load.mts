/**
 * `npm run bench -- load`: throughput, latency and memory of the production server under load (issue 14).
 * The server is pinned to core 0 and autocannon to core 1; a bare Next.js app (bench/bare-app) is built and
 * measured in the same run as the ceiling, so ratios compare like with like on whatever load the machine has.
 * Each database kind gets a fresh migrated database with a signed-in fixture user.
 * Flags: --db pglite|postgres|both (default both), --seconds N per route (default 10), --connections N (default 50).
 */
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

async function measure(
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
  return autocannon({ url: base + route.path, connections: c, seconds, cpu: LOAD_CPU, headers });
}

export async function runLoadBench(flags: string[]) {
  const seconds = Number(flagValue(flags, "seconds", "10"));
  const connections = Number(flagValue(flags, "connections", "50"));
  const dbFlag = flagValue(flags, "db", "both");
  const kinds: DbKind[] = dbFlag === "both" ? ["pglite", "postgres"] : [dbFlag as DbKind];
  const before = machineLoad();

  ensureAppBuild();
  buildBareApp();
  const bare = await startBareApp({ port: 3390, cpu: SERVER_CPU });
  const bareRss = sampleRss(bare.pid);
  const baseline: Record<string, LoadResult> = {};
  try {
    baseline.page = await measure(bare.url, { name: "bare page", path: "/" }, seconds, connections);
    baseline.handler = await measure(bare.url, { name: "bare handler", path: "/api/ping" }, seconds, connections);
  } finally {
    await bare.stop();
  }
  const bareFigures = { ...baseline, peakRssMiB: bareRss.stop() };
  process.stderr.write(`bare: page ${baseline.page.rps} rps, handler ${baseline.handler.rps} rps\n`);

  const apps: Record<string, unknown> = {};
  for (const kind of kinds) {
    const db = await createDatabase(kind, "load");
    try {
      migrate(db.env);
      const creds = createFixtureUser(db.env);
      const app = await startApp({ port: 3391, env: db.env, cpu: SERVER_CPU });
      const idle = sampleRss(app.pid).stop();
      const rss = sampleRss(app.pid);
      const routes: Record<string, LoadResult & { ofBare: number }> = {};
      try {
        for (const route of APP_ROUTES) {
          const r = await measure(app.url, route, seconds, connections, creds);
          const ceiling = route.path.startsWith("/api/") || route.path.startsWith("/questions?") ? baseline.handler : baseline.page;
          routes[route.name] = { ...r, ofBare: Math.round((r.rps / ceiling.rps) * 100) / 100 };
          process.stderr.write(`${kind} ${route.name}: ${r.rps} rps, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}\n`);
        }
      } finally {
        await app.stop();
      }
      apps[kind] = { idleRssMiB: Math.round(idle), peakRssMiB: rss.stop(), routes };
    } finally {
      await db.drop();
    }
  }
  return { machine: { before, after: machineLoad() }, seconds, connections, bare: bareFigures, app: apps };
}
