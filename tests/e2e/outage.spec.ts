import { expect, test } from "@playwright/test";
import { createDatabase, migrate, startApp, type AppDatabase, type RunningServer } from "../support/app-server.mjs";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.mjs";
import { signUp } from "./support";

/**
 * A database outage told as an outage (docs/DEPLOY.md "Health checks"): a production instance on PostgreSQL
 * behind a TCP proxy that the test makes refuse connections. A signed-in user then gets a 503 "temporarily
 * unavailable" page — never the sign-in page — and the API a 503 JSON error with Retry-After; when the database
 * returns, the same requests succeed again within 5 s, with nothing restarted.
 */
const PORT = Number(process.env.E2E_PORT || 3100) + 20;
const POSTGRES = process.env.TEST_POSTGRES_URL;

test.describe.configure({ mode: "serial" });
test.skip(!process.env.CI && !POSTGRES, "needs TEST_POSTGRES_URL");

let db: AppDatabase | undefined;
let proxy: TcpProxy | undefined;
let app: RunningServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!POSTGRES) throw new Error("CI must provide TEST_POSTGRES_URL for the outage test");
  db = await createDatabase("postgres", "outage");
  migrate(db.env);
  const pgPort = Number(new URL(db.url!).port || 5432);
  proxy = await startTcpProxy({ host: "127.0.0.1", port: pgPort });
  const viaProxy = new URL(db.url!);
  viaProxy.port = String(proxy.port);
  // quiet: the instance logs every failed session lookup while the database is away.
  app = await startApp({ port: PORT, env: { ...db.env, DATABASE_URL: viaProxy.toString() }, quiet: true });
});

test.afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await db?.drop();
});

test("a signed-in user sees 'temporarily unavailable' (503), not the sign-in page, and the site recovers by itself", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: app!.url });
  const page = await context.newPage();
  await signUp(page);
  const api = (path: string) => context.request.get(path, { maxRedirects: 0 });

  await proxy!.refuse();
  try {
    const dashboard = await page.goto("/dashboard");
    expect(dashboard?.status()).toBe(503);
    expect(dashboard?.headers()["retry-after"]).toMatch(/^\d+$/);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Layerwise is temporarily unavailable" })).toBeVisible();
    await expect(page.getByText("You are still signed in")).toBeVisible();

    const signin = await api("/signin");
    expect(signin.status()).toBe(503); // not the form, as if signed out

    const attempts = await context.request.post("/api/v1/attempts", { data: { slug: "layer-freezing" }, headers: { origin: app!.url } });
    expect(attempts.status()).toBe(503);
    expect(attempts.headers()["retry-after"]).toMatch(/^\d+$/);
    expect(((await attempts.json()) as { error: { code: string } }).error.code).toBe("unavailable");

    const health = await api("/api/health");
    expect(health.status()).toBe(503);
    expect(await health.json()).toEqual({ status: "degraded", db: "down" });
  } finally {
    await proxy!.restore();
  }

  const restored = Date.now();
  await expect(async () => {
    expect((await api("/dashboard")).status()).toBe(200);
  }).toPass({ timeout: 5_000, intervals: [100, 250, 500] });
  expect(Date.now() - restored).toBeLessThan(5_000);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await context.close();
});
