import { expect, test, type Page } from "@playwright/test";
import { seriousA11yViolations, signUp } from "./support";
import { words } from "@/lib/quiz";
import { leaksIn, loadBank, quizOf, recordResponses, staticFiles, tabTo } from "./quiz-bank";

// Taking quizzes in the browser: keyboard only, reload, timed expiry, accessibility, and the answer
// key never reaching the browser before submit (issue 3; docs/QUALITY.md Q1, Q8, X2, X3).

const SLUG = "layer-freezing";

async function startQuiz(page: Page, slug = SLUG, minutes?: number) {
  await page.goto(`/questions/${slug}/quiz`);
  if (minutes) await page.getByLabel("Time limit in minutes (optional)").fill(String(minutes));
  await page.getByRole("button", { name: "Start full quiz" }).click();
  await expect(page.getByText(/^\d+ of \d+ answered$/)).toBeVisible();
}

const current = (page: Page) => page.locator("section[data-item-index]");

/** Answers the item shown (one-at-a-time mode) with the keyboard only and returns its type. */
async function answerCurrent(page: Page): Promise<string> {
  const item = current(page);
  const heading = item.getByRole("heading");
  await expect(heading).toBeFocused();
  if ((await item.getByRole("radio").count()) > 0) {
    await page.keyboard.press("1");
    await expect(item.getByRole("radio").first()).toBeChecked();
    return "radio";
  }
  if ((await item.getByRole("checkbox").count()) > 0) {
    await page.keyboard.press("1");
    await page.keyboard.press("2");
    await expect(item.getByRole("checkbox").nth(1)).toBeChecked();
    return "checkbox";
  }
  const moveDown = item.getByRole("button", { name: /^Move down/ });
  if ((await moveDown.count()) > 0) {
    await tabTo(page, moveDown.first());
    await page.keyboard.press("Enter"); // moves the first entry down one place
    await expect(item.getByText(/moved to position 2 of/)).toBeAttached();
    return "ordering";
  }
  const textarea = item.getByRole("textbox", { name: /Your answer \(you will grade/ });
  if ((await textarea.count()) > 0) {
    await tabTo(page, textarea);
    await page.keyboard.type("Freeze early layers to save compute; measure wall-clock and accuracy against a fine-tuned baseline.");
    return "freetext";
  }
  const number = item.getByRole("textbox", { name: /^Your answer/ });
  await tabTo(page, number);
  await page.keyboard.type("2245");
  return "numeric";
}

/**
 * Goes on to the next question by keyboard: Enter where it means "next" (on a choice or the number
 * field); from a text area or the ordering buttons, where Enter has its own meaning, Tab to Next.
 * After the last question the Submit button gets focus.
 */
async function goNext(page: Page, kind: string, last: boolean) {
  if (kind === "ordering" || kind === "freetext") {
    await tabTo(page, page.getByRole("button", { name: last ? "Submit for grading" : "Next", exact: true }));
    if (!last) await page.keyboard.press("Enter");
  } else await page.keyboard.press("Enter");
  if (!last) await expect(current(page).getByRole("heading")).toBeFocused();
}

test("complete the official quiz by keyboard only, then read the review with rationales", async ({ page }) => {
  const quiz = quizOf(SLUG);
  expect(quiz.items.length).toBeGreaterThanOrEqual(10);
  await page.goto(`/questions/${SLUG}/quiz`);
  await page.getByRole("button", { name: "Start full quiz" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`0 of ${quiz.items.length} answered`)).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await current(page).getByRole("heading").focus(); // where the runner puts focus on every step
  const seen = new Set<string>();
  for (let i = 0; i < quiz.items.length; i++) {
    await expect(current(page).getByRole("heading")).toHaveText(new RegExp(`^Question ${i + 1} of ${quiz.items.length}`));
    const kind = await answerCurrent(page);
    seen.add(kind);
    await goNext(page, kind, i === quiz.items.length - 1);
  }
  expect([...seen].sort()).toEqual(["checkbox", "freetext", "numeric", "ordering", "radio"]);
  await expect(page.getByText(`${quiz.items.length} of ${quiz.items.length} answered`)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit for grading" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/questions/${SLUG}/quiz/[^/]+$`));
  await expect(page.getByRole("heading", { name: new RegExp(`^Score: [\\d.]+ / ${quiz.items.length}$`) })).toBeVisible();
  // Every option's rationale, the numeric key with its tolerance, the model answer, the key point link.
  // Rationales are Markdown (code, math), so compare words, as the leak scanner does; KaTeX output is
  // not comparable that way, so math-bearing ones are counted through their option's verdict label.
  const reviewWords = ` ${words(await page.locator("main").innerText()).join(" ")} `;
  const options = quiz.items.flatMap((i) => (i.type === "single" || i.type === "multiple" ? i.options : []));
  for (const o of options.filter((x) => !x.rationale.includes("$"))) expect(reviewWords).toContain(` ${words(o.rationale).join(" ")} `);
  await expect(page.getByText(/^(✓ Right option|✗ Wrong option)$/)).toHaveCount(options.length);
  await expect(page.getByText(/^you (picked it|picked it \(mistake\)|left it out \((missed|correct)\))$/)).toHaveCount(options.length);
  for (const item of quiz.items) {
    if (item.type === "numeric") await expect(page.getByText(`${item.answer} ± ${item.tolerance}`, { exact: false }).first()).toBeVisible();
  }
  await expect(page.locator(`a[href="/questions/${SLUG}#key-point-${quiz.items[0]!.keyPoint}"]`).first()).toBeVisible();
  await expect(page.getByText(/Right|Wrong|Partly right/).first()).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Grade the free-text answer once, by keyboard.
  const rubric = page.getByRole("group", { name: "Rubric" });
  await tabTo(page, rubric.getByRole("checkbox").first());
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Grade my answer" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Grade my answer" })).toHaveCount(0);
  await expect(page.getByText("Self-graded ·")).toBeVisible();

  // The quiz URL now offers a fresh start and lists this attempt.
  await page.goto(`/questions/${SLUG}/quiz`);
  await expect(page.getByRole("button", { name: "Start full quiz" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your past attempts" }).getByRole("link")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Retry my mistakes/ })).toBeVisible();
});

test("a reload mid-quiz keeps the answers; the review of someone else's attempt is a 404", async ({ page, browser }) => {
  await startQuiz(page);
  await page.getByRole("button", { name: "Show all questions on one page" }).click();
  const choice = current(page)
    .filter({ has: page.getByRole("radio") })
    .first();
  const index = await choice.getAttribute("data-item-index");
  await choice.getByRole("heading").focus();
  await page.keyboard.press("2");
  await expect(choice.getByRole("radio").nth(1)).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^1 of \d+ answered$/)).toBeVisible();
  await page.getByRole("button", { name: "Show all questions on one page" }).click();
  await expect(page.locator(`section[data-item-index="${index}"]`).getByRole("radio").nth(1)).toBeChecked();

  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  const reviewUrl = page.url();
  const other = await browser.newContext();
  const res = await (await other.newPage()).goto(reviewUrl);
  expect(res?.status()).toBe(404);
  await other.close();
});

test("a timed quiz submits itself when the display timer hits 0; answers after that do not count", async ({ page }) => {
  await page.clock.install();
  await startQuiz(page, SLUG, 1);
  await expect(page.getByRole("timer")).toHaveText(/^(1:00|0:5\d)$/);
  await current(page).getByRole("heading").focus();
  const firstKind = await answerCurrent(page);
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await goNext(page, firstKind, false);
  await expect(current(page).getByRole("heading")).toHaveText(/^Question 2 of/);

  await page.clock.fastForward("01:01"); // the browser's clock only; the server's deadline is still ahead
  await expect(page.getByRole("alert").filter({ hasText: "Time is up" })).toBeVisible();
  await page.keyboard.press("1"); // too late: the controls are locked and nothing more is sent
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /^Score: / })).toBeVisible();
  const second = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Question 2 of/ }) });
  await expect(second.getByText("(not answered)")).toBeVisible();
  const first = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /^Question 1 of/ }) });
  await expect(first.getByText("(not answered)")).toHaveCount(0);
});

test("no answer key reaches the browser before submit, for every quiz in the bank", async ({ page }) => {
  test.setTimeout(150_000);
  const bank = loadBank();
  const bodies = recordResponses(page);
  let checked = 0;
  for (const quiz of bank) {
    // Each quiz's key is checked against the responses of its own run only: another question's public
    // text may legitimately share a phrase with this quiz's rationales.
    bodies.length = 0;
    await startQuiz(page, quiz.slug); // the start action's response and the RSC refresh
    if (quiz.slug === SLUG) {
      // One save (its response carries only the new version; the API spec checks JSON bodies too).
      await current(page).getByRole("heading").focus();
      await answerCurrent(page);
      await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
    }
    await page.reload(); // the server-rendered HTML of an attempt in progress
    await expect(page.getByText(/^\d+ of \d+ answered$/)).toBeVisible();
    expect(
      bodies.some((b) => b.url.endsWith(`/questions/${quiz.slug}/quiz`) && b.body.includes(quiz.items[0]!.id)),
      "the scan sees the quiz",
    ).toBe(true);
    // A body still arriving from the previous quiz's run may land here: leave other questions' URLs out.
    const own = bodies.filter(
      (b) => !/\/questions\/[a-z0-9-]+/.test(new URL(b.url).pathname) || new URL(b.url).pathname.startsWith(`/questions/${quiz.slug}/`),
    );
    checked += own.length;
    expect(leaksIn([quiz], own)).toEqual([]);
  }
  expect(checked).toBeGreaterThan(bank.length * 2);
  // The client bundles are shared by every quiz, so every key is checked against all of them.
  const files = staticFiles();
  expect(files.length).toBeGreaterThan(5);
  expect(leaksIn(bank, files)).toEqual([]);
});

test("a guest's attempts are offered for import after sign-up and appear on the dashboard", async ({ page }) => {
  await startQuiz(page, "lora");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("heading", { name: /^Score: / })).toBeVisible();
  await signUp(page);
  const banner = page.getByRole("region", { name: "Done as a guest" });
  await expect(banner).toContainText("Done as a guest in this browser: 1 quiz attempt.");
  await banner.getByRole("button", { name: "Add them to my account" }).click();
  await expect(banner.getByRole("status")).toContainText("Added to your account: 1 attempt");
  await expect(banner.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Recent quiz attempts" }).getByRole("link")).toHaveCount(1);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
});
