import { expect, test } from "@playwright/test";
import { watchCspViolations } from "./support";

// Issue 8, item 11: every HTML response's scripts satisfy its own CSP — 404s under nonce-protected (dynamic)
// routes included. A 404 there used to be the prebuilt page without the nonce: 11 console errors, a dead theme switch.
const NOT_FOUND = [
  "/settings/anything",
  "/settings/tokens/extra",
  "/dashboard/x",
  "/review/x",
  "/signin/x",
  "/signup/x",
  "/questions/no-such-question",
  "/questions/no-such-question/quiz",
  "/questions/layer-freezing/quiz/no-such-attempt",
  "/questions/layer-freezing/x/y",
  "/lab/x",
  "/no-such-page",
  "/questions/%ZZ",
  "/settings/%00",
];

for (const path of NOT_FOUND) {
  test(`${path}: the 404 page runs its scripts under its own CSP (no violations, no console errors, the theme switch works)`, async ({
    page,
  }) => {
    const csp = await watchCspViolations(page);
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !/Failed to load resource.*404/.test(m.text())) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    // Hydrated: the theme switch reacts (a blocked script would leave it dead).
    const toggle = page.getByRole("button", { name: /Switch theme/ });
    await expect(toggle).toHaveText("Theme: System");
    await toggle.click();
    await expect(toggle).toHaveText("Theme: Light");
    await toggle.click();
    await expect(toggle).toHaveText("Theme: Dark");
    await expect(page.locator("html")).toHaveClass(/dark/);
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
  });
}
