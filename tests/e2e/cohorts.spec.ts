import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousA11yViolations, watchCspViolations } from "./support";

// An instructor creates a cohort, assigns a lab challenge and makes an invite; a student joins with the link in a
// second browser context; both see the cohort page (the instructor every student, the student their own row).
// Keyboard only; axe on every page of the journey. (Completing a set assignment and a challenge from the browser
// needs a page for the student side of an assignment, which does not exist yet.)

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

async function typeInto(page: Page, target: Locator, value: string) {
  await tabTo(page, target);
  await page.keyboard.type(value);
}

test("create a cohort, assign a challenge, invite, join as a student, see both views", async ({ page, browser, signIn }) => {
  const csp = await watchCspViolations(page);
  await signIn();
  await page.goto("/cohorts");
  await expect(page.getByRole("heading", { name: "Cohorts", level: 1 })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await typeInto(page, page.getByLabel("Cohort name"), "Winter bootcamp");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cohorts\/[a-z0-9]+$/);
  const cohortUrl = page.url();
  await expect(page.getByRole("heading", { name: "Winter bootcamp" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A lab challenge (the instructor has no set, so the challenge is the only kind offered).
  await typeInto(page, page.getByLabel("Maximum training FLOPs"), "1000000000");
  await typeInto(page, page.getByLabel("Title", { exact: true }), "Beat 80 percent");
  await tabTo(page, page.getByLabel("Due (your local time)"));
  // Chromium's datetime-local field (en-US): month, day, year (up to 6 digits, so it does not advance by itself), hour,
  // minute, AM/PM; ArrowRight moves to the next segment inside the field.
  await page.keyboard.type("0101");
  await page.keyboard.type("2030");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("1200");
  await page.keyboard.type("P");
  await expect(page.getByLabel("Due (your local time)")).toHaveValue("2030-01-01T12:00");
  await tabTo(page, page.getByRole("button", { name: "Assign it" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("rowheader", { name: /Beat 80 percent/ }).first()).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Make an invite" }));
  await page.keyboard.press("Enter");
  const inviteUrl = await page.getByTestId("invite-url").inputValue();
  expect(inviteUrl).toMatch(/\/cohorts\/join\/[A-Za-z0-9_-]{20,}$/);
  await expect(page.getByTestId("invite-code")).toHaveValue(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The student: another browser context, signed in, keyboard only.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student);
  await student.goto(inviteUrl);
  await expect(student.getByRole("heading", { name: "Join a cohort" })).toBeVisible();
  expect(await seriousA11yViolations(student)).toEqual([]);
  await tabTo(student, student.getByRole("button", { name: "Join the cohort" }));
  await student.keyboard.press("Enter");
  await expect(student).toHaveURL(cohortUrl);
  await expect(student.getByRole("heading", { name: "Your assignments" })).toBeVisible();
  await expect(student.getByRole("cell", { name: "Open" })).toBeVisible();
  await expect(student.getByRole("button", { name: "Make an invite" })).toHaveCount(0);
  expect(await seriousA11yViolations(student)).toEqual([]);

  // Back to the instructor: the student is on the dashboard, nothing submitted yet.
  await page.reload();
  await expect(page.getByRole("cell", { name: "0/1 (0%)" })).toBeVisible();
  const csv = await page.request.get(`${new URL(cohortUrl).pathname.replace("/cohorts/", "/api/v1/cohorts/")}/dashboard.csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(2); // header + the one student
  expect(csp).toEqual([]);
  await studentContext.close();
});
