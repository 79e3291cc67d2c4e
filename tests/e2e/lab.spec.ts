import { expect, test, type Page } from "@playwright/test";
import { LAB_PRESET_IDS } from "@/lib/lab/presets";
import { seriousA11yViolations, signUp, watchCspViolations } from "./support";

/**
 * The freeze-layers lab in Chromium: training in the worker, presets with predictions, URL state, tensor
 * hygiene, CSP and accessibility, refused settings, and that TensorFlow.js never reaches any other page. Runs are
 * kept small (n ≤ 500, few epochs; presets are shortened through the URL) so the whole file takes about a minute.
 */

const status = (page: Page) => page.getByTestId("lab-status");

/** Opens the lab and waits until its worker reports a backend (the page is hydrated and the worker is up). */
async function openLab(page: Page, url: string) {
  await page.goto(url);
  await expect(status(page)).toHaveAttribute("data-backend", /\w+/, { timeout: 30_000 });
}

async function waitForJob(page: Page) {
  await expect(status(page)).toHaveAttribute("data-status", /finished|stopped|error/, { timeout: 45_000 });
  await expect(status(page)).toHaveAttribute("data-status", "finished");
}

const SPEEDUP = "An epoch at k = 3 is how many times faster than at k = 0?";
const BEST = "Which run (scratch or fixed k) reaches the best test accuracy?";
const ACCURACY = "Its test accuracy (%)";

test("a preset runs in the worker after a prediction: chart, numbers, verdict and calibration", async ({ page }) => {
  const csp = await watchCspViolations(page);
  await openLab(page, "/lab?preset=different-task&epochs=5");
  await expect(page.getByRole("heading", { name: /Preset: Freezing too much hurts/ })).toBeVisible();
  await expect(page.getByTestId("preset-base")).toContainText("Base: disjoint classes");
  // The prediction starts empty: nothing to submit until the candidate has committed to numbers.
  await expect(page.getByLabel(SPEEDUP)).toHaveValue("");
  await expect(page.getByLabel(BEST)).toHaveValue("");
  await expect(page.getByLabel(ACCURACY)).toHaveValue("");
  await expect(page.getByRole("button", { name: "Predict and run preset" })).toBeDisabled();
  await page.getByLabel(SPEEDUP).fill("3");
  await page.getByLabel(BEST).selectOption({ label: "k = 0 (fine-tune all)" });
  await page.getByLabel(ACCURACY).fill("80");
  await page.getByRole("button", { name: "Predict and run preset" }).click();
  await waitForJob(page);
  // …and keeps what was entered after the run.
  await expect(page.getByLabel(SPEEDUP)).toHaveValue("3");
  await expect(page.getByLabel(BEST)).toHaveValue("0");
  await expect(page.getByLabel(ACCURACY)).toHaveValue("80");
  await expect(status(page)).toContainText("Backend: wasm");

  await expect(page.getByRole("img", { name: /Pareto chart/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Accuracy, last epoch/ })).toBeVisible();
  const table = page.getByRole("table").filter({ hasText: "Test acc." });
  await expect(table.getByRole("row")).toHaveCount(11); // header + scratch + k = 0…3 + k = 1…3 cached + gradual + LP-FT
  await expect(table.getByRole("row", { name: /k = 3 frozen \+ cached/ })).toContainText("165");
  await expect(table.getByRole("row", { name: /gradual unfreezing/ })).toBeVisible();
  // The cost panel names the run it describes: the last one trained, the one in the per-epoch charts.
  await expect(page.getByRole("heading", { name: "Cost of this run — LP-FT" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Per epoch — LP-FT" })).toBeVisible();
  await expect(page.getByTestId("verdict")).toContainText(
    /(Shown|Not shown) by this run\. Freezing all three body layers gave \d+\.\d% test accuracy/,
  );
  await expect(page.getByTestId("calibration")).toHaveText(/^\d{1,3}$/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(csp).toEqual([]);
});

test("every setting lives in the URL: a shared link opens the same settings", async ({ page, context }) => {
  await openLab(page, "/lab");
  await page.getByRole("button", { name: /^Layer 2/ }).click();
  await page.getByLabel("Base model").selectOption("permuted");
  await page.getByLabel("Learning rate (pretrained layers)").fill("0.001");
  await page.getByLabel("Schedule").selectOption("gradual");
  await page.getByLabel("Training examples (50–2000)").fill("500");
  await page.getByLabel("Epochs", { exact: true }).fill("7");
  await page.getByLabel("Seed", { exact: true }).fill("42");
  await page.getByLabel("Backend").selectOption("cpu");
  await page.getByLabel("Cache frozen features").check();
  await expect(page).toHaveURL(/seed=42/);
  const shared = page.url();
  for (const part of [
    "base=permuted",
    "n=500",
    "epochs=7",
    "k=2",
    "cache=1",
    "backend=cpu",
    "seed=42",
    "bodyLr=0.001",
    "schedule=gradual",
  ]) {
    expect(shared).toContain(part);
  }

  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.getByRole("button", { name: /^Layer 2/ })).toHaveAttribute("aria-pressed", "true");
  await expect(other.getByRole("button", { name: /^Layer 3/ })).toHaveAttribute("aria-pressed", "false");
  await expect(other.getByLabel("Base model")).toHaveValue("permuted");
  await expect(other.getByLabel("Learning rate (pretrained layers)")).toHaveValue("0.001");
  await expect(other.getByLabel("Schedule")).toHaveValue("gradual");
  await expect(other.getByLabel("Training examples (50–2000)")).toHaveValue("500");
  await expect(other.getByLabel("Epochs", { exact: true })).toHaveValue("7");
  await expect(other.getByLabel("Seed", { exact: true })).toHaveValue("42");
  await expect(other.getByLabel("Backend")).toHaveValue("cpu");
  await expect(other.getByLabel("Cache frozen features")).toBeChecked();
});

test("an out-of-range setting is refused with a message, never replaced, and nothing trains until it is fixed", async ({ page }) => {
  await openLab(page, "/lab?epochs=20");
  const epochs = page.getByLabel("Epochs", { exact: true });
  await epochs.fill("500");
  await epochs.blur();
  await expect(epochs).toHaveValue("500");
  await expect(page.getByRole("alert").filter({ hasText: /Not used: .*200/ })).toBeVisible();
  await expect(page.getByTestId("settings-invalid")).toContainText("Not run: Epochs is out of range");
  await expect(page.getByRole("button", { name: "Train this setting" })).toBeDisabled();
  await expect(page.getByRole("button", { name: /Run freeze sweep/ })).toBeDisabled();
  await expect(page).toHaveURL(/epochs=20/);
  await page.getByLabel("Training examples (50–2000)").fill("10");
  await expect(page.getByTestId("settings-invalid")).toContainText("Training examples");
  await page.getByLabel("Training examples (50–2000)").fill("50");
  await epochs.fill("2");
  await expect(page.getByTestId("settings-invalid")).toHaveCount(0);
  await page.getByRole("button", { name: "Train this setting" }).click();
  await waitForJob(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("a link with an old base name opens the same weights under the new name", async ({ page }) => {
  await openLab(page, "/lab?base=similar");
  await expect(page.getByLabel("Base model")).toHaveValue("same-classes");
  await openLab(page, "/lab?base=different");
  await expect(page.getByLabel("Base model")).toHaveValue("disjoint");
});

/** Presets shortened through the URL (explicit settings override a preset's): the verdict appears either way. */
const SHORT: Record<(typeof LAB_PRESET_IDS)[number], string> = {
  cost: "n=500&epochs=2",
  "small-data": "epochs=5",
  "different-task": "epochs=3",
  "negative-transfer": "epochs=5",
  "in-practice": "epochs=4&every=1",
  cache: "n=300&epochs=2",
};

test("every preset runs and shows its verdict", async ({ page }) => {
  test.setTimeout(240_000);
  for (const id of LAB_PRESET_IDS) {
    await openLab(page, `/lab?preset=${id}&${SHORT[id]}`);
    await page.getByRole("button", { name: "Run without predicting" }).click();
    await waitForJob(page);
    await expect(page.getByTestId("verdict"), id).toContainText(/^(Shown|Not shown) by this run\. \S/);
  }
});

test("five runs and a stopped one leave the worker's tensor count where it started", async ({ page }) => {
  await openLab(page, "/lab?base=same-classes&n=50&epochs=2&k=1&batch=16");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "Train this setting" }).click();
    await waitForJob(page);
  }
  const baseline = await status(page).getAttribute("data-baseline-tensors");
  expect(baseline).toMatch(/^\d+$/);
  await expect(status(page)).toHaveAttribute("data-tensors", baseline!);

  // Stop mid-sweep: the abort must dispose everything too.
  await page.getByLabel("Epochs", { exact: true }).fill("50");
  await page.getByRole("button", { name: /Run freeze sweep/ }).click();
  await expect(page.getByRole("img", { name: /^Loss, last epoch/ })).toBeVisible();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "stopped");
  await expect(status(page)).toHaveAttribute("data-tensors", baseline!);
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "idle");
});

test("a signed-in user's finished run is stored and listed", async ({ page }) => {
  await signUp(page);
  await openLab(page, "/lab?base=same-classes&n=50&epochs=2&k=1");
  await page.getByRole("button", { name: "Train this setting" }).click();
  await waitForJob(page);
  await expect(page.getByText("Saved to your runs.")).toBeVisible();
  await expect(page.getByTestId("recent-runs").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("recent-runs")).toContainText("n = 50 · 2 epochs · wasm");
});

/** TensorFlow.js in a response: its wasm binaries, or a script carrying tfjs's own strings. */
const TFJS_SCRIPT = /tfjs-backend-wasm|Backend name '/;

/**
 * TensorFlow.js that the page's main thread loaded. Read from the main thread's own Resource Timing
 * entries, which never include a dedicated worker's loads (the worker has its own timeline), so the
 * check does not depend on how a browser attributes worker traffic to the page in the DevTools protocol
 * (Chromium 156 started reporting worker requests as the page's responses). Each script the main thread
 * loaded is fetched again and searched for tfjs's own strings.
 */
async function mainThreadTfjs(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
  const hits = urls.filter((url) => /\.wasm(\?|$)/.test(url) || /tfjs/i.test(url));
  const scripts = urls.filter((url) => !hits.includes(url) && /\.js(\?|$)/.test(url));
  const bodies = await Promise.all(scripts.map(async (url) => (await page.request.get(url)).text()));
  return [...hits, ...scripts.filter((_, i) => TFJS_SCRIPT.test(bodies[i]!))];
}

async function tfjsOnMainThread(page: Page, paths: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    hits.push(...(await mainThreadTfjs(page)));
  }
  return hits;
}

test("TensorFlow.js loads only in the lab's worker: never on other pages, nor on the lab's main thread", async ({ page, browser }) => {
  expect(await tfjsOnMainThread(page, ["/", "/questions", "/questions/layer-freezing"])).toEqual([]);
  expect(page.workers()).toEqual([]);

  const lab = await browser.newPage();
  await lab.goto("/lab?base=same-classes&n=50&epochs=1&k=1");
  await expect(status(lab)).toHaveAttribute("data-backend", "wasm", { timeout: 30_000 });
  await lab.waitForLoadState("networkidle");
  expect(await mainThreadTfjs(lab)).toEqual([]);

  // The worker did load tfjs and the wasm binary, from the app itself — and the same check recognises that script.
  const [worker] = lab.workers();
  const loaded = await worker!.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  const wasm = loaded.filter((url) => /\/lab\/tfjs\/tfjs-backend-wasm[\w-]*\.wasm$/.test(url));
  expect(wasm.length).toBeGreaterThan(0);
  const scripts = loaded.filter((url) => url.endsWith(".js"));
  const bodies = await Promise.all(scripts.map(async (url) => (await lab.request.get(url)).text()));
  const tfjsScript = scripts.find((_, i) => TFJS_SCRIPT.test(bodies[i]!));
  expect(tfjsScript).toBeDefined();

  // The check can fail: once the main thread itself loads the worker's tfjs script and wasm binary, it reports both.
  await lab.evaluate(
    async (urls) => void (await Promise.all(urls.map((url) => fetch(url).then((r) => r.arrayBuffer())))),
    [tfjsScript!, wasm[0]!],
  );
  expect((await mainThreadTfjs(lab)).sort()).toEqual([tfjsScript!, wasm[0]!].sort());
  await lab.close();
});
