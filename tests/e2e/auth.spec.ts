import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./support";

test.describe("sign-in journey", () => {
  test("sign up, sign out, sign in again", async ({ page }) => {
    const { email, name } = await signUp(page);
    await expect(page.getByRole("heading", { name: "Your progress" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByText(name)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    // A guest on the dashboard is told why to sign in (not just redirected), with links that come back here.
    await page.goto("/dashboard");
    await expect(page.getByText("It is kept with an account")).toBeVisible();
    await page.getByRole("link", { name: "sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)dashboard$/);

    await page.getByLabel("Email").fill(email.toUpperCase()); // emails are case-insensitive
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  });

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    const { email } = await signUp(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    const attempt = async (e: string) => {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(e);
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert").filter({ hasText: /./ });
      await expect(alert).toBeVisible();
      return alert.innerText();
    };
    const wrongPassword = await attempt(email);
    const unknownEmail = await attempt(uniqueEmail("nobody"));
    expect(wrongPassword).toBe("Email or password is incorrect.");
    expect(unknownEmail).toBe(wrongPassword);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign-up refuses a common password and a short one, saying why", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(uniqueEmail("weak"));
    await page.getByLabel("Password", { exact: true }).fill("password1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("This password is one of the most common ones; choose another.")).toBeVisible();
    // What the candidate typed is still there after an error (only the password is cleared).
    await expect(page.getByLabel("Email")).not.toHaveValue("");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
  });

  test("after sign-out, replaying the old session cookie gets nothing", async ({ page, browser }) => {
    await signUp(page);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
    expect(session, "a session cookie is set at sign-in").toBeTruthy();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    // A second browser that kept a copy of the cookie.
    const thief = await browser.newContext();
    await thief.addCookies([session!]);
    const res = await thief.request.get("/api/auth/session");
    expect(await res.json()).toBeNull();
    const p = await thief.newPage();
    await p.goto("/dashboard");
    await expect(p.getByText("It is kept with an account")).toBeVisible();
    await expect(p.getByText("Signed in as")).toHaveCount(0);
    await thief.close();
  });

  test("a hostile callbackUrl never leaves the site", async ({ page }) => {
    const email = uniqueEmail("redirect");
    await signUp(page, email);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/signin?callbackUrl=" + encodeURIComponent("//evil.test/phish"));
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
  });

  test("repeated wrong passwords for one account are slowed down, and a spoofed X-Forwarded-For does not help", async ({ page }) => {
    const { email } = await signUp(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    let n = 0;
    await page.route("**/*", (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": `203.0.113.${++n % 250}` } }),
    );
    await page.goto("/signin");
    for (let i = 0; i < 11; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong password ${i}`);
      const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin");
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      // The form re-renders with the email put back and the password cleared: then it is ready for the next try.
      await expect(page.getByLabel("Password")).toHaveValue("");
      await expect(page.getByLabel("Email")).toHaveValue(email);
    }
    const formAlert = page.locator("form").getByRole("alert");
    await expect(formAlert).toHaveText(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
    // Even the right password waits until the window passes.
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert).toHaveText(/Too many sign-in attempts/);
  });
});
