import { expect, test } from "./fixtures";
import { seriousA11yViolations, watchCspViolations } from "./support";

test("the theme switch toggles dark mode and remembers the choice", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  const toggle = page.getByRole("button", { name: /Switch theme/ });
  await toggle.click(); // System → Light
  await toggle.click(); // Light → Dark
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(page.getByRole("button", { name: "Theme: Dark. Switch theme" })).toBeVisible();
});

test("the header collapses to a phone's width without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/questions/layer-freezing");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

const PUBLIC_PAGES = ["/", "/questions", "/questions/layer-freezing", "/signin", "/signup", "/lab", "/no-such-page"];

for (const path of PUBLIC_PAGES) {
  test(`${path}: no serious accessibility violations, no CSP violations, in light and dark`, async ({ page }) => {
    const csp = await watchCspViolations(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path.startsWith("/questions/")) await page.getByText(/Think first/).click();
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    expect(csp).toEqual([]);
  });
}

test("/dashboard (signed in): no serious accessibility violations", async ({ page, signIn }) => {
  await signIn();
  await page.goto("/dashboard");
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("security headers on pages and APIs; a fresh CSP nonce per dynamic page", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/questions", "/questions/layer-freezing", "/signin", "/api/health"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["x-powered-by"]).toBeUndefined();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    if (!path.startsWith("/api")) {
      const csp = h["content-security-policy"]!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-eval");
    }
  }
  for (let i = 0; i < 5; i++) {
    const csp = (await request.get("/questions")).headers()["content-security-policy"]!;
    nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
  }
  expect(nonces.size).toBe(5);
});

test("every page gets exactly one policy: the static one on prebuilt pages, a nonce policy where rendered per request", async ({
  request,
}) => {
  const policies = async (path: string) =>
    (await request.get(path))
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "content-security-policy")
      .map((h) => h.value);
  // A 404 under a route rendered per request gets the static policy too (the 404 page is prebuilt; decision 043).
  for (const path of ["/", "/questions/layer-freezing", "/no-such-page", "/settings/anything"]) {
    const [only, ...rest] = await policies(path);
    expect(rest, path).toEqual([]);
    expect(only, path).toContain("'unsafe-inline'");
  }
  for (const path of ["/questions", "/signin", "/lab"]) {
    const [only, ...rest] = await policies(path);
    expect(rest, path).toEqual([]);
    expect(only, path).toMatch(/'nonce-[^']+'/);
  }
  // Scripts (the lab's worker among them) carry no policy of their own.
  const html = await (await request.get("/lab")).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  expect(await policies(script)).toEqual([]);
});

test("health reports ok with the database up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok" });
});

test("error pages are generic: no stack traces or paths", async ({ request }) => {
  const res = await request.get("/questions/%E0%A4%A");
  expect(res.status()).toBeGreaterThanOrEqual(400);
  const body = await res.text();
  expect(body).not.toMatch(/\n\s+at |\/work\/|node_modules|Prisma|ECONNREFUSED/);
});
