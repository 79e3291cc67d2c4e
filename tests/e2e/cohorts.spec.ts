import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousA11yViolations, watchCspViolations } from "./support";

// An instructor creates a cohort, assigns a question set and a lab challenge and makes an invite; a student joins with
// the link in a second browser context, completes the set assignment and submits lab settings for the challenge (graded
// by the server's re-run); the instructor's dashboard then shows both. Keyboard only in the cohort pages (the set itself
// is made with the set editor beforehand); axe on every page of the journey.

const ITEMS = `## single pick
Which layers should you freeze first when the data set is **small**?

- [x] The early layers
  > They learn generic features.
- [ ] The classifier head
  > It must adapt to the new task.

## truefalse tf
Fine-tuning every layer always beats freezing.

Answer: false
> Not with little data.
`;

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 90; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

/** Chromium's datetime-local field (en-US): month, day, year (up to 6 digits), hour, minute, AM/PM. */
async function typeDue(page: Page) {
  await tabTo(page, page.getByLabel("Due (your local time)"));
  await page.keyboard.type("0101");
  await page.keyboard.type("2030");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("1200");
  await page.keyboard.type("P");
  await expect(page.getByLabel("Due (your local time)")).toHaveValue("2030-01-01T12:00");
}

async function typeInto(page: Page, target: Locator, value: string) {
  await tabTo(page, target);
  await page.keyboard.type(value);
}

test("create a cohort, assign a set and a challenge, invite, join as a student, complete both, see them on the dashboard", async ({
  page,
  browser,
  signIn,
}) => {
  test.setTimeout(240_000);
  const csp = await watchCspViolations(page);
  await signIn();
  // The instructor's question set (made with the set editor; not the subject of this test).
  await page.goto("/sets/new");
  await page.getByLabel("Title").fill("Freezing basics");
  await page.getByLabel("Write items in Layerwise Markdown").fill(ITEMS);
  await page.getByRole("button", { name: "Add these items" }).click();
  await expect(page.getByText("2 item(s) added.")).toBeVisible();
  await page.getByLabel("After submitting, the candidate sees").selectOption("score-rationales");
  await page.getByRole("button", { name: "Create the set" }).click();
  await expect(page).toHaveURL(/\/sets\/(?!new$)[a-z0-9]+$/);

  await page.goto("/cohorts");
  await expect(page.getByRole("heading", { name: "Cohorts", level: 1 })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await typeInto(page, page.getByLabel("Cohort name"), "Winter bootcamp");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cohorts\/[a-z0-9]+$/);
  const cohortUrl = page.url();
  await expect(page.getByRole("heading", { name: "Winter bootcamp" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The set assignment (the form offers the instructor's set first).
  await typeDue(page);
  await tabTo(page, page.getByRole("button", { name: "Assign it" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("rowheader", { name: /Freezing basics/ }).first()).toBeVisible();

  // A lab challenge: the kind radio group is one Tab stop; the arrow key moves to the challenge.
  await tabTo(page, page.getByRole("radio", { name: /One of my question sets/ }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /A lab challenge/ })).toBeChecked();
  await typeInto(page, page.getByLabel("Maximum training FLOPs"), "1000000000");
  await typeInto(page, page.getByLabel("Title", { exact: true }), "Beat 80 percent");
  await typeDue(page);
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
  await expect(student.getByRole("heading", { name: "Your assignments", exact: true })).toBeVisible();
  await expect(student.getByRole("cell", { name: "Open" })).toHaveCount(2);
  await expect(student.getByRole("button", { name: "Make an invite" })).toHaveCount(0);
  expect(await seriousA11yViolations(student)).toEqual([]);

  // The set assignment: start, answer both questions with the runner's keys, submit.
  await tabTo(student, student.getByRole("link", { name: "Start: Freezing basics" }));
  await student.keyboard.press("Enter");
  await expect(student.getByRole("heading", { name: "Freezing basics", level: 1 })).toBeVisible();
  expect(await seriousA11yViolations(student)).toEqual([]);
  await tabTo(student, student.getByRole("button", { name: "Start" }));
  await student.keyboard.press("Enter");
  await expect(student.getByText("0 of 2 answered")).toBeVisible();
  expect(await seriousA11yViolations(student)).toEqual([]);
  const current = student.locator("section[data-item-index]");
  await current.getByRole("heading").focus();
  await student.keyboard.press("1");
  await student.keyboard.press("Enter");
  await expect(current.getByRole("heading")).toBeFocused();
  await student.keyboard.press("1");
  await student.keyboard.press("Enter");
  await expect(student.getByText("2 of 2 answered")).toBeVisible();
  await expect(student.getByRole("button", { name: "Submit for grading" })).toBeFocused();
  await student.keyboard.press("Enter");
  await expect(student.getByRole("heading", { name: "Submitted" })).toBeVisible();
  // A client-side navigation: the page's <title> can land a moment after its content; axe judges the settled page.
  await expect(student).toHaveTitle(/Assignment/);
  expect(await seriousA11yViolations(student)).toEqual([]);

  // The lab challenge: one epoch (quick to re-run); the server grades its own run.
  await student.goto(cohortUrl);
  await tabTo(student, student.getByRole("link", { name: "Open the challenge: Beat 80 percent" }));
  await student.keyboard.press("Enter");
  await expect(student.getByRole("heading", { name: "The challenge" })).toBeVisible();
  expect(await seriousA11yViolations(student)).toEqual([]);
  await tabTo(student, student.getByLabel("Epochs", { exact: true }));
  await student.keyboard.press("ControlOrMeta+a");
  await student.keyboard.type("1");
  await tabTo(student, student.getByRole("button", { name: "Submit for grading" }));
  await student.keyboard.press("Enter");
  await expect(student.getByRole("cell", { name: /^(passed|not passed)/ })).toBeVisible({ timeout: 150_000 });
  await expect(student.getByRole("cell", { name: /^\d+\.\d %$/ })).toBeVisible();
  expect(await seriousA11yViolations(student)).toEqual([]);

  // Back to the instructor: both assignments submitted by the one student, and the challenge's server-graded result.
  await page.reload();
  await expect(page.getByRole("cell", { name: "1/1 (100%)" })).toHaveCount(2);
  await expect(page.getByRole("cell", { name: /(passed|not passed), \d+% test accuracy/ })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const csv = await page.request.get(`${new URL(cohortUrl).pathname.replace("/cohorts/", "/api/v1/cohorts/")}/dashboard.csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(2); // header + the one student
  expect(csp).toEqual([]);
  await studentContext.close();
});
