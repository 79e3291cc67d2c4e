// `npm start` (and `npm run dev` with --dev): everything a fresh machine needs, in order —
//   1. an AUTH_SECRET, generated once and kept with the data (mode 0600), unless one is set;
//   2. a production build, if there is none or the sources are newer than it;
//   3. migrations and seed, in a separate process that closes the database before the server opens it;
//   4. the server (scripts/serve.mjs) on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
const dataDir = path.resolve(process.env.DATA_DIR || "data");
const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: dev ? "development" : "production" };

function fail(message) {
  console.error(`[layerwise] ${message}`);
  process.exit(1);
}

// 1. Secret
if (!env.AUTH_SECRET) {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`[layerwise] generated AUTH_SECRET in ${file}`);
  }
  env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

// 2. Build when needed
function newestMtime(entries) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (p.endsWith("node_modules") || p.endsWith("generated")) return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  entries.forEach(walk);
  return newest;
}
if (!dev) {
  const buildId = path.join(".next", "BUILD_ID");
  const sources = [
    "app",
    "components",
    "lib",
    "server",
    "content",
    "public",
    "proxy.ts",
    "next.config.ts",
    "package-lock.json",
    "prisma/schema.prisma",
  ];
  const stale = !fs.existsSync(buildId) || newestMtime(sources) > fs.statSync(buildId).mtimeMs;
  if (stale) {
    console.log("[layerwise] building (first start or sources changed)…");
    const r = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (r.status !== 0) fail("the build failed; see above.");
  }
}

// 3. Migrate and seed (its own process: one process may own the embedded database at a time)
const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
const migrate = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/db-migrate.mts", "--seed"], {
  stdio: "inherit",
  env,
});
if (migrate.status !== 0) fail("the database is not usable (see the line above); the site was not started.");

// 4. Serve
const server = spawn(process.execPath, ["scripts/serve.mjs", ...(dev ? ["--dev"] : [])], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
