import { expect, test, type Page } from "@playwright/test";
import { seriousA11yViolations, signUp, watchCspViolations } from "./support";

// A hiring manager builds a set, shares it, a guest takes it in a second browser context (keyboard only),
// the manager reads the result, revokes the link, and the link is refused. axe on every page of the journey.

const ITEMS = `## single pick
Which layer should you freeze first when the data set is **small**?

- [x] The early layers
  > They learn generic features. CANARY-SET-RATIONALE
- [ ] The classifier head
  > It must adapt to the new task.

## truefalse tf
Fine-tuning every layer always beats freezing.

Answer: false
> Not with little data.
`;

async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

test("create a set, share it, take it as a guest, read the results, revoke the link", async ({ page, browser }) => {
  const csp = await watchCspViolations(page);
  await signUp(page, undefined, "Hiring Manager");
  await page.goto("/sets/new");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel("Title").fill("ML engineer screen");
  await page.getByLabel("Write items in Layerwise Markdown").fill(ITEMS);
  await page.getByRole("button", { name: "Add these items" }).click();
  await expect(page.getByText("2 item(s) added.")).toBeVisible();
  await page.getByLabel("After submitting, the candidate sees").selectOption("score-rationales");
  await page.getByLabel("Intro (Markdown, shown before the start)").fill("Two questions. **No** notes.");
  await page.getByRole("button", { name: "Create the set" }).click();
  await expect(page).toHaveURL(/\/sets\/(?!new$)[a-z0-9]+$/);
  const setUrl = page.url();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Make a share link" }).click();
  const shareUrl = await page.getByTestId("share-url").inputValue();
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

  // The candidate: a second browser context, no account, keyboard only.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  const landing = await guest.goto(shareUrl);
  await expect(guest).toHaveURL(/\/s$/); // the token left the address bar
  expect(landing?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(guest.getByRole("heading", { name: "ML engineer screen" })).toBeVisible();
  expect(await seriousA11yViolations(guest)).toEqual([]);
  await tabTo(guest, guest.getByLabel("Your name"));
  await guest.keyboard.type("Ann Candidate");
  await guest.keyboard.press("Tab");
  await guest.keyboard.type("ann@example.test");
  await guest.keyboard.press("Enter");
  await expect(guest.getByText("0 of 2 answered")).toBeVisible();
  expect(await guest.content()).not.toContain("CANARY-SET-RATIONALE");
  expect(await seriousA11yViolations(guest)).toEqual([]);
  const current = guest.locator("section[data-item-index]");
  await current.getByRole("heading").focus();
  await guest.keyboard.press("1"); // first option of the shown question
  await guest.keyboard.press("Enter");
  await expect(current.getByRole("heading")).toBeFocused();
  await guest.keyboard.press("1");
  await guest.keyboard.press("Enter");
  await expect(guest.getByText("2 of 2 answered")).toBeVisible();
  await expect(guest.getByRole("button", { name: "Submit for grading" })).toBeFocused();
  await guest.keyboard.press("Enter");
  await expect(guest.getByRole("heading", { name: /^Score: [\d.]+ \/ 2$/ })).toBeVisible();
  await expect(guest.getByText("CANARY-SET-RATIONALE", { exact: false })).toBeVisible();
  expect(await seriousA11yViolations(guest)).toEqual([]);

  // The owner sees the result.
  await page.goto(`${setUrl}/results`);
  await expect(page.getByText("ann@example.test")).toBeVisible();
  await page.getByRole("link", { name: "Ann Candidate" }).click();
  await expect(page.getByRole("heading", { name: /^Ann Candidate/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "The early layers" }).first()).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Revoke: the link and the candidate's cookie grant nothing from the next request on.
  await page.goto(setUrl);
  await page.getByRole("button", { name: "Revoke the link" }).click();
  await expect(page.getByText("No live link")).toBeVisible();
  const refused = await guest.goto(shareUrl);
  expect(refused?.status()).toBe(404);
  await expect(guest.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  const again = await guest.goto("/s");
  expect(again?.status()).toBe(404);
  await guestContext.close();
  expect(csp).toEqual([]);
});

test("another signed-in user gets a 404 for someone else's set and results", async ({ page, browser }) => {
  await signUp(page, undefined, "Owner");
  await page.goto("/sets/new");
  await page.getByLabel("Title").fill("Private set");
  await page.getByLabel("Write items in Layerwise Markdown").fill(ITEMS);
  await page.getByRole("button", { name: "Add these items" }).click();
  await page.getByRole("button", { name: "Create the set" }).click();
  await expect(page).toHaveURL(/\/sets\/(?!new$)[a-z0-9]+$/);
  const setUrl = page.url();
  const other = await (await browser.newContext()).newPage();
  await signUp(other, undefined, "Other manager");
  for (const url of [setUrl, `${setUrl}/results`]) {
    const res = await other.goto(url);
    expect(res?.status()).toBe(404);
  }
  const api = await other.request.get(`${setUrl.replace("/sets/", "/api/v1/sets/")}/results`);
  expect(api.status()).toBe(404);
});

test("form item and bank search; a guest's lab run and free-text answer reach the results; the owner grades it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const csp = await watchCspViolations(page);
  await signUp(page, undefined, "Form Manager");
  await page.goto("/sets/new");
  await page.getByLabel("Title").fill("Form and bank");

  // Bank search: pick one quiz item of a question.
  await page.getByLabel("Search the bank").fill("freeze");
  await page.getByLabel("Search the bank").press("Enter");
  const hits = page.getByRole("list", { name: "Bank search results" });
  await expect(hits).toBeVisible();
  await hits
    .getByRole("button", { name: /^Add the item/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Items (1)" })).toBeVisible();

  // A free-text item written in the form; the quiz schema refuses it until it is complete.
  await page.getByRole("button", { name: "Write an item in a form" }).click();
  await page.getByLabel("Item type").selectOption("freetext");
  await page.getByLabel("Prompt (Markdown)").fill("Explain why you would **freeze** early layers.");
  await page.getByRole("button", { name: "Save this item" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This item is not valid yet" })).toBeVisible();
  await page.getByLabel("Rubric point 1").fill("CANARY-RUBRIC generic features");
  await page.getByLabel("Rubric point 2").fill("little data overfits");
  await page.getByLabel("Model answer").fill("Early layers learn generic features.");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Save this item" }).click();
  await expect(page.getByRole("heading", { name: "Items (2)" })).toBeVisible();
  await page.getByLabel("After submitting, the candidate sees").selectOption("score-rationales");
  await page.getByRole("button", { name: "Create the set" }).click();
  await expect(page).toHaveURL(/\/sets\/(?!new$)[a-z0-9]+$/);
  const setUrl = page.url();
  await page.getByText("Preview the saved items").click();
  await expect(page.locator("details strong", { hasText: "freeze" })).toBeVisible(); // Markdown rendered by the pipeline
  await page.getByRole("button", { name: "Make a share link" }).click();
  const shareUrl = await page.getByTestId("share-url").inputValue();

  // The guest starts, runs the lab in another tab of the same browser, then answers and submits.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(shareUrl);
  await guest.getByLabel("Your name").fill("Gus Guest");
  await guest.getByLabel("Your email").fill("gus@example.test");
  await guest.getByLabel("Your email").press("Enter");
  await expect(guest.getByText("0 of 2 answered")).toBeVisible();
  expect(await guest.content()).not.toContain("CANARY-RUBRIC");
  const lab = await guestContext.newPage();
  await lab.goto("/lab?base=same-classes&n=50&epochs=2&k=1");
  await expect(lab.getByTestId("lab-status")).toHaveAttribute("data-backend", /\w+/, { timeout: 30_000 });
  await lab.getByRole("button", { name: "Train this setting" }).click();
  await expect(lab.getByTestId("lab-status")).toHaveAttribute("data-status", "finished", { timeout: 60_000 });
  await expect(lab.getByText("Saved in this browser's guest session.")).toBeVisible();
  await lab.close();
  await guest.getByRole("button", { name: "Show all questions on one page" }).click();
  await guest.getByLabel("Your answer (the person who shared this set grades it)").fill("Generic features transfer.");
  await expect(guest.getByText("1 of 2 answered")).toBeVisible();
  await guest.getByRole("button", { name: "Submit for grading" }).click();
  await expect(guest.getByRole("heading", { name: /^Score: / })).toBeVisible();
  await expect(guest.getByText("not graded yet (the set's owner grades written answers)", { exact: false })).toBeVisible();

  // The owner: the guest's lab run with a replay link, and the free-text grade.
  await page.goto(`${setUrl}/results`);
  await page.getByRole("link", { name: "Gus Guest" }).click();
  await expect(page.getByRole("heading", { name: /^Gus Guest/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Replay this run" })).toHaveAttribute("href", /^\/lab\?/);
  await expect(page.getByText("(awaiting your grade)")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel("CANARY-RUBRIC generic features").check();
  await page.getByRole("button", { name: "Save the grade" }).click();
  await expect(page.getByText(/^Graded: 1 of 2 points/)).toBeVisible();
  await expect(page.getByText("(graded by you)")).toBeVisible();
  await guest.reload();
  await expect(guest.getByText("graded by the set's owner", { exact: false })).toBeVisible();
  await guestContext.close();
  expect(csp).toEqual([]);
});

// Last: its 35 lookups use up this address's share-link budget for a minute (30 a minute), which would refuse the
// share links of any test after it.
test("unknown share tokens: 404 each, then 429 once an address has looked up 30 in a minute", async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 35; i++) {
    const token = Array.from(
      { length: 43 },
      () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[Math.floor(Math.random() * 64)],
    ).join("");
    const res = await request.get(`/s/${token}`, { maxRedirects: 0 });
    statuses.push(res.status());
    expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  }
  expect(statuses.filter((s) => s === 200 || s === 303)).toEqual([]);
  expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
  expect(statuses.at(-1)).toBe(429);
});
