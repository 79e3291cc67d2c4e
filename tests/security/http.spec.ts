import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { e2eUser } from "../e2e/sessions";
import { leaksIn, quizOf } from "../e2e/quiz-bank";
import { PASSWORD, signUp, uniqueEmail } from "../e2e/support";
import { ACTIONS, PAGES, PAGE_ACTORS, type PageAccess, type PageActor } from "./matrix";

/**
 * The security matrix over HTTP, against the production server the end-to-end tests start
 * (playwright.config.ts): every page × every page actor, every server action posted directly without a
 * session and from a foreign origin, the answer-key canary scan over every response a candidate sees
 * before submitting, and the sign-in events in the security log.
 */
const SLUG = "layer-freezing";
const CANARY = `canary${crypto.randomBytes(6).toString("hex")}`;
// Six-plus words around the canary, so it is found however Markdown, HTML or JSON escape the rest.
const RATIONALE = `Because the ${CANARY} key rationale must never reach a candidate before submitting.`;
const ANSWER_TEXT = `${CANARY}answer`;

let base = "";
const ctx: Partial<Record<PageActor, APIRequestContext>> = {};
const w = { setId: "", otherSetId: "", attemptId: "", linkToken: "", revokedToken: "" };

async function jar(cookies: Record<string, string> = {}): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: base,
    extraHTTPHeaders: { Origin: base },
    storageState: {
      cookies: Object.entries(cookies).map(([name, value]) => ({
        name,
        value,
        domain: new URL(base).hostname,
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      })),
      origins: [],
    },
  });
}
const session = (i: number) => ({ "authjs.session-token": e2eUser(process.env.E2E_SESSION_SECRET!, i).sessionToken });
const ITEMS = [
  {
    from: "custom",
    item: { id: "tf", type: "truefalse", prompt: "Is the sky blue on a clear day?", keyPoint: 0, answer: true, rationale: RATIONALE },
  },
  {
    from: "custom",
    item: { id: "short", type: "short", prompt: "Name the thing.", keyPoint: 0, answers: [ANSWER_TEXT], rationale: RATIONALE },
  },
];

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000); // may wait out the share-link rate limit (openLink)
  base = baseURL!;
  // High pool indexes: the e2e fixtures take theirs from the bottom of the pool.
  ctx.setOwner = await jar(session(190));
  ctx.otherManager = await jar(session(191));
  ctx.candidate = await jar(session(192));
  ctx.otherCandidate = await jar(session(193));
  ctx.anonymous = await jar();
  ctx.guest = await jar({ lw_guest: crypto.randomBytes(32).toString("base64url") });
  let r = await ctx.setOwner.post("/api/v1/sets", { data: { title: "Security matrix set", items: ITEMS } });
  if (r.status() !== 201) {
    // the short-answer item shape may differ: fall back to the true/false item alone
    r = await ctx.setOwner.post("/api/v1/sets", { data: { title: "Security matrix set", items: [ITEMS[0]] } });
  }
  expect(r.status(), await r.text()).toBe(201);
  w.setId = ((await r.json()) as { set: { id: string } }).set.id;
  r = await ctx.otherManager.post("/api/v1/sets", { data: { title: "Another manager's set", items: [ITEMS[0]] } });
  w.otherSetId = ((await r.json()) as { set: { id: string } }).set.id;
  // A link, then a new one: making a link revokes the set's earlier ones.
  const link = async () =>
    ((await (await ctx.setOwner!.post(`/api/v1/sets/${w.setId}/share-link`)).json()) as { url: string }).url.split("/s/")[1]!;
  w.revokedToken = await link();
  w.linkToken = await link();
  ctx.linkCandidate = await jar();
  expect((await openLink(ctx.linkCandidate, w.linkToken)).status()).toBe(303);
  ctx.revokedLink = await jar();
  expect((await openLink(ctx.revokedLink, w.revokedToken)).status()).toBe(404);
  r = await ctx.candidate.post("/api/v1/attempts", { data: { slug: SLUG } });
  expect(r.status(), await r.text()).toBe(201);
  w.attemptId = ((await r.json()) as { attempt: { id: string } }).attempt.id;
});

test.afterAll(async () => {
  for (const c of Object.values(ctx)) await c?.dispose();
});

const isUser = (a: PageActor) => ["candidate", "otherCandidate", "setOwner", "otherManager"].includes(a);

function pathOf(pattern: string, id?: string): string {
  return pattern
    .replace("[slug]", SLUG)
    .replace("[attemptId]", id ?? w.attemptId)
    .replace("[token]", "an-invite-token-nobody-issued")
    .replace("[id]", id ?? w.setId);
}

type Expect = "ok" | "signin" | "not_found" | "link_refused";
function expectedPage(access: PageAccess, actor: PageActor): Expect {
  if (access === "public" || access === "guest-ok") return "ok";
  if (access === "signed-in") return isUser(actor) ? "ok" : "signin";
  if (access === "attempt-owner") return actor === "candidate" ? "ok" : "not_found";
  if (access === "set-owner") return actor === "setOwner" ? "ok" : isUser(actor) ? "not_found" : "signin";
  if (access === "cohort-member") return isUser(actor) ? "not_found" : "signin";
  return actor === "linkCandidate" ? "ok" : "link_refused";
}

/** A page without what differs per request (nonces, the id asked for), to compare a denial with an unknown id. */
function normalise(html: string, id: string): string {
  const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
  return (nonce ? html.replaceAll(nonce, "NONCE") : html).replaceAll(id, "ID");
}

test("every page × every actor: allowed, sent to sign-in, or the very page an unknown id gets", async () => {
  const failures: string[] = [];
  for (const [pattern, access] of Object.entries(PAGES)) {
    for (const actor of PAGE_ACTORS) {
      const c = ctx[actor]!;
      const want = expectedPage(access, actor);
      const p = pathOf(pattern);
      const res = await c.get(p, { maxRedirects: 0 });
      const status = res.status();
      const where = `${p} as ${actor}`;
      const body = await res.text();
      if (want === "ok") {
        // An open attempt's own page sends its owner back to the quiz; the reset page may redirect without a token.
        const ok = status === 200 || (status >= 300 && status < 400 && !/\/signin/.test(res.headers().location ?? ""));
        if (!ok) failures.push(`${where}: ${status} ${res.headers().location ?? ""}, expected 200`);
      } else if (want === "signin") {
        // Sent to /signin, or shown a page that invites signing in (the dashboard explains itself to a visitor).
        const redirected = status >= 300 && status < 400 && /\/signin/.test(res.headers().location ?? "");
        const invited = status === 200 && /href="\/signin/.test(body);
        if (!redirected && !invited) failures.push(`${where}: ${status}, expected a redirect to /signin or a sign-in invitation`);
      } else if (want === "not_found" || want === "link_refused") {
        if (status !== 404) failures.push(`${where}: ${status}, expected 404`);
        if (want === "not_found") {
          const id = pattern.includes("[attemptId]") ? w.attemptId : w.setId;
          // An unknown id of the real one's shape (same length and characters: React's stream of a page depends on the
          // length of what it carries, so a differently shaped id would differ for that reason alone).
          const unknownId = [...id].reverse().join("");
          const unknown = await c.get(pathOf(pattern, unknownId), { maxRedirects: 0 });
          if (unknown.status() !== 404) failures.push(`${where}: an unknown id gets ${unknown.status()}`);
          if (normalise(body, id) !== normalise(await unknown.text(), unknownId))
            failures.push(`${where}: the denial differs from an unknown id's page`);
        }
      }
      if (actor !== "setOwner" && want !== "ok" && body.includes("Security matrix set")) failures.push(`${where}: shows the set's title`);
    }
  }
  expect(failures).toEqual([]);
});

/** Each action's id and a page whose bundle holds it (Next only runs an action posted to such a page). */
function actionIds(): Map<string, { id: string; path: string; paths: string[] }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const out = new Map<string, { id: string; path: string; paths: string[] }>();
  for (const [id, e] of Object.entries(manifest.node)) {
    if (!e.exportedName) continue;
    // Pages under an attempt id come last (posted to with the candidate's attempt): only when nothing else holds the action.
    const pages = Object.keys(e.workers).filter((p) => p.startsWith("app/") && !p.includes("_not-found"));
    const toPath = (page: string) =>
      page
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace("[slug]", SLUG)
        .replace("[attemptId]", w.attemptId)
        .replace("[id]", w.setId) || "/";
    const rank = (p: string) => (p.includes("[attemptId]") ? 1000 : 0) + p.length;
    const paths = pages.sort((a, b) => rank(a) - rank(b)).map(toPath);
    out.set(e.exportedName, { id, path: paths[0] ?? "/", paths: paths.length ? paths : ["/"] });
  }
  return out;
}

// Inputs a signed-in user could send (so only the missing session refuses them); ids are the set owner's.
const INPUTS: () => Record<string, unknown> = () => ({
  changePasswordAction: { currentPassword: "x", newPassword: "a long new passphrase 123" },
  signOutEverywhereAction: {},
  deleteAccountAction: { confirm: e2eUser(process.env.E2E_SESSION_SECRET!, 190).email },
  importGuestDataAction: {},
  setInterviewDateAction: { interviewDate: "2027-01-15" },
  createSetAction: { title: "Planted", items: [ITEMS[0]] },
  updateSetAction: { id: w.setId, title: "Hijacked" },
  deleteSetAction: { id: w.setId },
  shareLinkAction: { id: w.setId },
  revokeShareLinkAction: { id: w.setId },
  importSetAction: { format: "gift", text: "Q? {TRUE}" },
  parseItemsAction: { markdown: "x" },
  createTokenAction: { name: "stolen" },
  revokeTokenAction: { id: "some-token-id" },
  saveAnswersAction: { attemptId: w.attemptId, version: 0, answers: {} },
  submitAttemptAction: { attemptId: w.attemptId, version: 0 },
  selfGradeAction: { attemptId: w.attemptId, itemId: "x", ticked: [] },
  saveSelfGradeAction: { slug: SLUG, keyPointsHit: [0] },
  getSelfGradeAction: { slug: SLUG },
  submitSetAttemptAction: { attemptId: w.attemptId, version: 0 },
});

/**
 * Opens a share link as a browser would. Link lookups are rate-limited per address (30 a minute) and every spec of the
 * run shares one address, so a 429 here is the limit working: wait out its Retry-After once, then ask again.
 */
async function openLink(c: APIRequestContext, token: string) {
  const res = await c.get(`/s/${token}`, { maxRedirects: 0 });
  if (res.status() !== 429) return res;
  const wait = Math.min(61, Number(res.headers()["retry-after"] ?? "60"));
  await new Promise((r) => setTimeout(r, wait * 1000));
  return c.get(`/s/${token}`, { maxRedirects: 0 });
}

/** The action's own result row of a Flight answer (`0:{"a":"$@1",…}` then `1:{…}`), or the whole body. */
function actionResult(body: string): string {
  const rows = new Map(body.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)] as const));
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  return ref !== undefined ? (rows.get(ref) ?? body) : body;
}

async function setState() {
  const r = await ctx.setOwner!.get(`/api/v1/sets/${w.setId}`);
  const link = await openLink(await jar(), w.linkToken);
  const attempt = await ctx.candidate!.get(`/api/v1/attempts/${w.attemptId}`);
  return {
    set: r.status() === 200 ? ((await r.json()) as { set: { title: string } }).set.title : r.status(),
    link: link.status(),
    attempt: (({ serverNow: _now, ...rest }) => rest)(
      ((await attempt.json()) as { attempt: { serverNow: string; status: string; answersVersion: number } }).attempt,
    ), // the clock aside
  };
}

test("every server action posted directly: without a session it is refused without effect; from a foreign origin a 403", async () => {
  test.setTimeout(180_000); // setState opens the share link (openLink may wait out the rate limit)
  const ids = actionIds();
  const inputs = INPUTS();
  const before = await setState();
  const failures: string[] = [];
  for (const [key, access] of Object.entries(ACTIONS)) {
    const name = key.split(".")[1]!;
    const found = ids.get(name);
    // An exported action no page imports is not in the build: Next gives it no id, so nothing can call it.
    if (!found) continue;
    // From a foreign origin, with the set owner's session: refused before the action runs.
    const foreign = await ctx.setOwner!.post(found.path, {
      headers: { "Next-Action": found.id, Origin: "http://evil.example", "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([inputs[name] ?? {}]),
      maxRedirects: 0,
    });
    if (foreign.status() !== 403) failures.push(`${key} from a foreign origin: ${foreign.status()}`);
    if (access !== "user" && access !== "actor") continue;
    // A fresh jar each time: the page matrix may have given the shared anonymous context a guest cookie.
    const nobody = await jar();
    // The first page that runs the action (its answer is an action result, `0:{"a":…}`, not the page's own payload).
    let status = 0;
    let body = "";
    for (const p of found.paths) {
      const res = await nobody.post(p, {
        headers: { "Next-Action": found.id, "Content-Type": "text/plain;charset=UTF-8" },
        data: JSON.stringify([inputs[name] ?? {}]),
        maxRedirects: 0,
      });
      status = res.status();
      const raw = await res.text();
      body = actionResult(raw);
      if (/^0:\{"a"/.test(raw)) break;
    }
    await nobody.dispose();
    if (status >= 500) failures.push(`${key} without a session: ${status}`);
    if (/"ok":true/.test(body)) failures.push(`${key} without a session succeeded: ${body.slice(0, 200)}`);
    const refusal = access === "user" ? "Sign in to continue." : "Start the quiz first.";
    if (inputs[name] && !body.includes(refusal) && !body.includes("The request was not valid."))
      failures.push(`${key} without a session: ${body.slice(0, 300)}`);
  }
  expect(failures).toEqual([]);
  expect(await setState()).toEqual(before); // the set, its link and the candidate's attempt are untouched
});

test("answer-key canary: nothing a candidate receives before submitting carries a key, sets and bank quizzes alike", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (res) => {
    try {
      bodies.push({ url: res.url(), body: await res.text() });
    } catch {
      /* redirects have no body */
    }
  });
  // Through the share link, as a candidate would: start the set's attempt, answer nothing, look everywhere.
  await page.goto(`/s/${w.linkToken}`);
  await expect(page.getByRole("heading", { name: "Security matrix set" })).toBeVisible();
  const start = page.getByRole("button", { name: /start/i }).first();
  if (await start.isVisible()) {
    await start.click();
    await page.waitForLoadState("networkidle");
  }
  // And a bank quiz started in the same browser.
  await page.goto(`/questions/${SLUG}/quiz`);
  const startQuiz = page.getByRole("button", { name: /start/i }).first();
  if (await startQuiz.isVisible()) {
    await startQuiz.click();
    await page.waitForLoadState("networkidle");
  }
  for (const pattern of Object.keys(PAGES)) await page.goto(pathOf(pattern)).catch(() => {});
  // The same requests by every API actor that holds a credential.
  for (const c of Object.values(ctx)) {
    for (const p of ["/api/v1/sets", `/api/v1/sets/${w.setId}`, "/s", `/api/v1/questions/${SLUG}`, "/api/v1/me/export"]) {
      const r = await c.get(p, { maxRedirects: 0 });
      if (c !== ctx.setOwner) bodies.push({ url: `${p} (api)`, body: await r.text() });
    }
  }
  await context.close();
  expect(bodies.length).toBeGreaterThan(20);
  expect(bodies.filter((b) => b.body.includes(CANARY)).map((b) => b.url)).toEqual([]);
  // The bank's keys, over everything but the question's own page and API (they publish the official answer, which rationales quote).
  const quizBodies = bodies.filter((b) => !/\/questions\/[^/]+(\?|$)|\/api\/v1\/questions\//.test(b.url));
  expect(leaksIn([quizOf(SLUG)], quizBodies)).toEqual([]);
});

test("sign-in success and failure are logged as JSON lines without the password, the session cookie or a token", async ({ page }) => {
  const file = process.env.SECURITY_LOG_FILE!;
  const { email } = await signUp(page, uniqueEmail("security"));
  await page.context().clearCookies();
  const wrong = `Wrong-${crypto.randomBytes(9).toString("base64url")}-guess`;
  for (const password of [wrong, PASSWORD]) {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    if (password === PASSWORD) await expect(page).toHaveURL(/\/dashboard$/);
    else await expect(page.getByRole("alert").first()).toBeVisible();
  }
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")?.value;
  expect(cookie).toBeTruthy();
  const log = fs.readFileSync(file, "utf8");
  const lines = log
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>); // every line is JSON
  const names = lines.map((l) => l.event);
  for (const e of ["auth.signup", "auth.signin.failure", "auth.signin.success", "authz.denied", "link.created", "link.revoked"])
    expect(names, e).toContain(e);
  for (const secret of [PASSWORD, wrong, cookie!, w.linkToken, w.revokedToken, process.env.E2E_SESSION_SECRET!])
    expect(log).not.toContain(secret);
  expect(log).not.toMatch(/lw_[A-Za-z0-9_-]{8,}/);
});
