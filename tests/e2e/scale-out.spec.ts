import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createDatabase, migrate, startApp, type AppDatabase, type RunningServer } from "../support/app-server.mjs";
import { PASSWORD, signUp, uniqueEmail } from "./support";

/**
 * Scale-out, really run (docs/DEPLOY.md): two production instances of this build on one PostgreSQL, behind
 * Debian's nginx on loopback with TRUST_PROXY=1. A request header (`x-upstream: a|b`) lets the test choose the
 * instance, as a load balancer would without telling anyone; nginx reports which one answered. One session
 * signs up on A and takes a quiz on B; submits race on both; the sign-in rate limit counts across both.
 */
const BASE_PORT = Number(process.env.E2E_PORT || 3100) + 10;
const [PORT_A, PORT_B, PORT_LB] = [BASE_PORT, BASE_PORT + 1, BASE_PORT + 2];
const LB = `http://localhost:${PORT_LB}`;
const CLIENT_LIMIT = 6;
const POSTGRES = process.env.TEST_POSTGRES_URL;
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

test.describe.configure({ mode: "serial" });
// CI installs both (.ci/run); elsewhere the test says what it needs instead of failing.
test.skip(!process.env.CI && (!POSTGRES || !NGINX), "needs TEST_POSTGRES_URL and Debian's nginx (apt-get install nginx-light)");

let db: AppDatabase | undefined;
let nginx: ChildProcess | undefined;
const instances: RunningServer[] = [];

function nginxConfig(dir: string) {
  return `
worker_processes 1;
user root;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream layerwise { server 127.0.0.1:${PORT_A}; server 127.0.0.1:${PORT_B}; }
  upstream instance_a { server 127.0.0.1:${PORT_A}; }
  upstream instance_b { server 127.0.0.1:${PORT_B}; }
  map $http_x_upstream $backend { a instance_a; b instance_b; default layerwise; }
  server {
    listen 127.0.0.1:${PORT_LB};
    location / {
      proxy_pass http://$backend;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Served-By $upstream_addr always;
    }
  }
}
`;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!POSTGRES || !NGINX) throw new Error("CI must provide TEST_POSTGRES_URL and nginx for the scale-out test");
  db = await createDatabase("postgres", "scale");
  migrate(db.env); // one migration runner per deploy, before the instances start (docs/DEPLOY.md)
  // Both instances share the data folder's secret file, hence one AUTH_SECRET, as every instance must.
  const extraEnv = { AUTH_URL: LB, TRUST_PROXY: "1", AUTH_CLIENT_RATE_LIMIT: String(CLIENT_LIMIT) };
  instances.push(...(await Promise.all([PORT_A, PORT_B].map((port) => startApp({ port, env: db!.env, extraEnv })))));
  const dir = db.env.DATA_DIR!;
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir));
  nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "inherit" });
  await expect(async () => expect((await fetch(`${LB}/api/health`)).status).toBe(200)).toPass({ timeout: 20_000 });
});

test.afterAll(async () => {
  nginx?.kill("SIGTERM");
  await Promise.all(instances.map((i) => i.stop()));
  await db?.drop();
});

/** Which instance answered each page (document) a tab loaded; late prefetches of the previous page are not counted. */
function servedBy(page: Page) {
  const seen: string[] = [];
  page.on("response", (r) => {
    const by = r.headers()["x-served-by"];
    if (by && r.request().resourceType() === "document") seen.push(by);
  });
  return seen;
}

async function onInstance(context: BrowserContext, name: "a" | "b") {
  await context.setExtraHTTPHeaders({ "x-upstream": name });
}

test("one session spans both instances: sign up on A, quiz on B, racing submits store one result", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: LB });
  const page = await context.newPage();
  const seen = servedBy(page);

  await onInstance(context, "a");
  await signUp(page);
  expect(new Set(seen)).toEqual(new Set([`127.0.0.1:${PORT_A}`]));

  seen.length = 0;
  await onInstance(context, "b");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/); // not redirected to sign-in: B knows A's session
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(new Set(seen)).toEqual(new Set([`127.0.0.1:${PORT_B}`]));

  // The quiz on B, through the same cookie; submits race on both instances.
  const headers = { origin: LB, "content-type": "application/json" };
  const started = await context.request.post("/api/v1/attempts", { headers, data: { slug: "layer-freezing" } });
  expect(started.status()).toBe(201);
  expect(started.headers()["x-served-by"]).toBe(`127.0.0.1:${PORT_B}`);
  const { attempt } = (await started.json()) as { attempt: { id: string; answersVersion: number } };
  const submits = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      context.request.post(`/api/v1/attempts/${attempt.id}/submit`, {
        headers: { ...headers, "x-upstream": i % 2 ? "a" : "b" },
        data: { version: attempt.answersVersion },
      }),
    ),
  );
  const served = new Set(submits.map((r) => r.headers()["x-served-by"]));
  expect(served).toEqual(new Set([`127.0.0.1:${PORT_A}`, `127.0.0.1:${PORT_B}`]));
  const results = await Promise.all(
    submits.map(async (r) => ({ status: r.status(), body: (await r.json()) as { result: { submittedAt: string; score: number } } })),
  );
  expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(new Set(results.map((r) => `${r.body.result.submittedAt} ${r.body.result.score}`)).size).toBe(1);
  await context.close();
});

test("the sign-in rate limit counts attempts made on either instance", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: LB });
  const page = await context.newPage();
  const email = uniqueEmail("nobody");
  const attempt = async (instance: "a" | "b") => {
    await onInstance(context, instance);
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`${PASSWORD} wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page.locator("form").getByRole("alert");
  };
  for (let i = 0; i < CLIENT_LIMIT; i++) {
    const message = await attempt(i % 2 ? "a" : "b");
    await expect(message).toContainText(/\w/);
    await expect(message).not.toContainText("Too many");
  }
  // Each instance saw only half of them; the shared counter refuses the next one wherever it lands.
  await expect(await attempt("a")).toContainText("Too many sign-in attempts");
  await expect(await attempt("b")).toContainText("Too many sign-in attempts");
  await context.close();
});
