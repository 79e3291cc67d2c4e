import fs from "node:fs";
import matter from "gray-matter";
import { expect, test } from "./fixtures";

// The official answer as the content file holds it (a unit test checks that file against the seed, byte for byte).
const official = matter(fs.readFileSync("content/questions/layer-freezing.md", "utf8"));
const paragraphs = official.content.trim().split(/\n\s*\n/);

test("the official question is laid out as its source: Question, Instruction, Context, Official Answer, Related Questions", async ({
  page,
}) => {
  await page.goto("/questions/layer-freezing");
  const headings = await page.getByRole("heading", { level: 2 }).allInnerTexts();
  const order = ["Question", "Instruction", "Context", "Related Questions"].map((h) => headings.indexOf(h));
  expect(order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]!))).toBe(true);
  await expect(
    page.getByText("Discuss the impact of layer freezing on the efficiency and effectiveness of Transfer Learning."),
  ).toBeVisible();
  await expect(page.getByText(official.data.instruction as string)).toBeVisible();
  await expect(page.getByText(official.data.context as string)).toBeVisible();
});

test("the answer stays hidden until revealed by keyboard, then shows every paragraph verbatim", async ({ page }) => {
  await page.goto("/questions/layer-freezing");
  const answerHeading = page.getByRole("heading", { name: "Official Answer", exact: true });
  await expect(answerHeading).toBeHidden();
  await page.locator("summary", { hasText: "Think first, then reveal the official answer" }).focus();
  await page.keyboard.press("Enter");
  await expect(answerHeading).toBeVisible();
  const shown = await page.locator("section[aria-labelledby=answer] p").allInnerTexts();
  expect(shown).toEqual(paragraphs);
  expect(paragraphs).toHaveLength(9); // the seed's Official Answer has nine paragraphs
  await expect(page.getByRole("heading", { name: /Reviewer notes/ })).toBeVisible();
});

test("the reveal works without JavaScript (a disclosure element)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/questions/layer-freezing");
  await page.getByText("Think first, then reveal the official answer").click();
  await expect(page.getByRole("heading", { name: "Official Answer", exact: true })).toBeVisible();
  await context.close();
});

test("a signed-in candidate's self-grade is stored and comes back", async ({ page, signIn }) => {
  await signIn();
  await page.goto("/questions/layer-freezing");
  await page.getByText("Think first, then reveal the official answer").click();
  const boxes = page.getByRole("group", { name: "Key points your answer covered" }).getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(3);
  await boxes.nth(0).check();
  await expect(page.getByText(`Saved: 1 of ${total} key points.`)).toBeVisible();
  await boxes.nth(2).check();
  await expect(page.getByText(`Saved: 2 of ${total} key points.`)).toBeVisible();

  await page.reload();
  await page.getByText("Think first, then reveal the official answer").click();
  await expect(boxes.nth(0)).toBeChecked();
  await expect(boxes.nth(1)).not.toBeChecked();
  await expect(boxes.nth(2)).toBeChecked();

  await page.goto("/dashboard");
  await expect(page.getByText(`2 of ${total} key points`)).toBeVisible();
});

test("the question list filters by topic and difficulty", async ({ page }) => {
  await page.goto("/questions");
  const all = await page.getByRole("listitem").count();
  await page.getByLabel("Topic").selectOption("transfer-learning");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/topic=transfer-learning/);
  await expect(page.getByRole("link", { name: "Layer freezing in transfer learning" })).toBeVisible();
  expect(await page.getByRole("listitem").count()).toBeLessThan(all);
});

test("search finds a question by a misspelled word, and highlights the match", async ({ page }) => {
  await page.goto("/questions");
  await page.getByRole("searchbox", { name: "Search" }).fill("freezng");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=freezng/);
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first.getByRole("link")).toContainText(/freez/i);
  await expect(first.locator("mark").first()).toBeVisible();
});

test("answers written for Layerwise render math with KaTeX and highlight code", async ({ page }) => {
  await page.goto("/questions/adamw-weight-decay");
  await page.getByText(/Think first, then reveal the answer/).click();
  const answer = page.locator("section[aria-labelledby=answer]");
  await expect(answer.getByText("Written for Layerwise.")).toBeVisible();
  await expect(answer.locator(".katex").first()).toBeVisible();
  await expect(answer.locator("pre code.hljs").first()).toBeVisible();
  await expect(answer.locator("pre code .hljs-keyword").first()).toBeVisible();
});
