import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, seriousA11yViolations, signUp, uniqueEmail } from "./support";

/**
 * Progress a candidate can trust: what a guest did survives sign-up and lands on the dashboard and in the
 * review queue; a password change ends the other session; a password reset arrives through a real SMTP
 * server (started here, on a free port, with a second app server configured to use it).
 */

const SLUG = "layer-freezing";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a guest's self-grade, wrong quiz and lab run survive sign-up: dashboard, review queue, one review", async ({ page }) => {
  test.setTimeout(240_000);
  // As a guest: Dashboard and Review say why to sign in.
  await page.goto("/dashboard");
  await expect(page.getByText("It is kept with an account")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto("/review");
  await expect(page.getByText(/spaced schedule \(FSRS\)/)).toBeVisible();

  // A quiz submitted with nothing answered: every item wrong.
  await page.goto(`/questions/${SLUG}/quiz`);
  await page.getByRole("button", { name: "Start full quiz" }).click();
  await expect(page.getByText(/^\d+ of \d+ answered$/)).toBeVisible();
  await page.getByRole("button", { name: "Show all questions on one page" }).click();
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("heading", { name: /^Score: / })).toBeVisible();
  const submittedAt = Date.now();

  // Three key points ticked.
  await page.goto(`/questions/${SLUG}`);
  await page.getByText("Think first, then reveal the official answer").click();
  const boxes = page.getByRole("group", { name: "Key points your answer covered" }).getByRole("checkbox");
  const total = await boxes.count();
  for (const i of [0, 1, 2]) {
    await boxes.nth(i).check();
    await expect(page.getByText(new RegExp(`Saved \\(as a guest.*: ${i + 1} of ${total} key points`))).toBeVisible();
  }

  // A small lab run.
  await page.goto("/lab?n=50&epochs=2");
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-backend", /\w+/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Train this setting" }).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "finished", { timeout: 60_000 });
  await expect(page.getByText("Saved in this browser's guest session.")).toBeVisible();

  // Sign up: everything is offered once, imported once (a double click imports nothing twice).
  await signUp(page);
  const banner = page.getByRole("region", { name: "Done as a guest" });
  await expect(banner).toContainText("1 quiz attempt, 1 self-graded answer, 1 lab run");
  await banner.getByRole("button", { name: "Add them to my account" }).dblclick();
  await expect(banner.getByRole("status")).toContainText("Added to your account: 1 attempt, 1 self-grade, 1 lab run");
  await page.reload();
  await expect(page.getByRole("region", { name: "Done as a guest" })).toHaveCount(0);
  await expect(page.getByText(`3 of ${total} key points`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent quiz attempts" }).getByRole("link")).toHaveCount(1);
  await expect(page.getByTestId("recent-runs").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("img", { name: /Quiz accuracy per day/ })).toBeVisible();
  await expect(page.getByTestId("total-answered")).toHaveText(/^1 \//);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The missed items come back one minute after the attempt (FSRS "again"): the queue says so, then has them.
  await page.goto("/review");
  await expect(page.getByTestId("review-overview")).toContainText(/^\d+ items scheduled/);
  await page.waitForTimeout(Math.max(0, submittedAt + 65_000 - Date.now()));
  await page.reload();
  const review = page.getByRole("button", { name: /^Review \d+ due$/ });
  await expect(review).toBeVisible();
  const due = Number((await review.textContent())!.match(/\d+/)![0]);
  expect(due).toBeGreaterThan(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await review.click();
  await expect(page.getByText(new RegExp(`^\\d+ of ${due} answered$`))).toBeVisible();
  await page.getByRole("button", { name: "Show all questions on one page" }).click();
  await page.getByRole("button", { name: "Submit for grading" }).dblclick();
  await expect(page.getByRole("heading", { name: /^Score: / })).toBeVisible();
  // Recorded once: the items are scheduled again (not due now), nothing doubled.
  await page.goto("/review");
  await expect(page.getByTestId("review-overview")).toContainText(/ 0 due now/);
});

test("changing the password ends the other session; this one stays", async ({ page, browser }) => {
  const { email } = await signUp(page, uniqueEmail("pw"));
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email);

  await page.goto("/settings");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a different long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toContainText("1 other session ended");

  await otherPage.goto("/dashboard");
  await expect(otherPage.getByText("It is kept with an account")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Your progress" })).toBeVisible();
  await expect(page.getByText(`Signed in as`)).toBeVisible();
  await signIn(otherPage, email, "a different long passphrase");
  await other.close();
});

test("without a mail server the forgot-password page says reset is not available", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByText("Password reset by email is not available on this server")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test.describe("password reset through a real SMTP server", () => {
  // A second app server, configured with SMTP_URL, on its own port and data folder.
  const port = Number(process.env.E2E_PORT || 3100) + 1000;
  const base = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-e2e-smtp-"));
  const inbox: string[] = [];
  let smtp: SMTPServer;
  let server: ChildProcess;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        let raw = "";
        stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
        stream.on("end", () => (inbox.push(raw), callback()));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      AUTH_URL: base,
      DATABASE_URL: "",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_CLIENT_RATE_LIMIT: "1000",
    };
    // The build the main e2e server made, served as is (scripts/start.mjs would rebuild if a source changed since).
    const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
    const migrate = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/db-migrate.mts"], { stdio: "ignore", env });
    if (migrate.status !== 0) throw new Error("could not migrate the SMTP-configured server's database");
    server = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "ignore", env });
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 300) throw new Error("the SMTP-configured server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test.afterAll(async () => {
    if (server?.pid) server.kill("SIGTERM");
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the link arrives, sets a new password once, and the old password stops working", async ({ page }) => {
    const email = uniqueEmail("reset");
    await page.goto(`${base}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.context().clearCookies();

    await page.goto(`${base}/forgot-password`);
    await page.getByLabel("Email").fill(email);
    const sent = page.getByText("If an account uses that address, a reset link is on its way.");
    await page.getByRole("button", { name: "Send the reset link" }).click();
    await expect(sent).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Unknown address: the same answer.
    await page.reload();
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send the reset link" }).click();
    await expect(sent).toBeVisible();

    await expect.poll(() => inbox.filter((m) => m.includes(email)).length, { timeout: 15_000 }).toBe(1);
    const raw = inbox
      .find((m) => m.includes(email))!
      .replace(/=\r?\n/g, "")
      .replace(/=3D/g, "=");
    const link = /(http:\/\/localhost:\d+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(raw)![1]!;
    expect(inbox).toHaveLength(1);

    await page.goto(link);
    await page.getByLabel("New password").fill("a reset long passphrase");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page).toHaveURL(/\/signin\?reset=1$/);
    await expect(page.getByText("Your password was changed.")).toBeVisible();

    // Used once: the same link again is refused.
    await page.goto(link);
    await page.getByLabel("New password").fill("yet another long passphrase");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page.getByText(/already used or has expired/)).toBeVisible();

    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill("a reset long passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test("a review's key-point link opens the answer at that key point, rendered as Markdown", async ({ page }) => {
  await page.goto(`/questions/${SLUG}/quiz`);
  await page.getByRole("button", { name: "Start full quiz" }).click();
  await page.getByRole("button", { name: "Show all questions on one page" }).click();
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("heading", { name: /^Score: / })).toBeVisible();
  // Options say what they are and what the candidate did: nothing was picked, so every wrong option was rightly left out.
  if ((await page.getByText("✗ Wrong option").count()) > 0) await expect(page.getByText("you left it out (correct)").first()).toBeVisible();
  await expect(page.getByText("you picked it (mistake)")).toHaveCount(0);
  const keyLink = page.locator(`a[href^="/questions/${SLUG}#key-point-"]`).first();
  const n = (await keyLink.getAttribute("href"))!.split("#key-point-")[1]!;
  await keyLink.click();
  await expect(page).toHaveURL(new RegExp(`#key-point-${n}$`));
  const target = page.locator(`#key-point-${n}`);
  await expect(target).toBeVisible();
  await expect(target).toBeInViewport();
  // No raw backticks in key points: inline code is rendered as code.
  const keyPoints = page.getByRole("group", { name: "Key points your answer covered" });
  expect(await keyPoints.innerText()).not.toContain("`");
});
