import fs from "node:fs";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "./support";

// Issue 8: the holes an attacker's pass found, as HTTP against the production build. Each test covers a
// family (every path parameter, every JSON string input, every server action), not the one request filed.
// Requests go through node:http so that the method, the raw path, Host and Origin are exactly what is sent.

const SLUG = "layer-freezing";
const site = () => new URL(test.info().project.use.baseURL!);

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

function raw(
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Raw> {
  const { hostname, port, host } = site();
  return new Promise((resolve, reject) => {
    const length =
      body === undefined || Object.keys(headers).some((h) => h.toLowerCase() === "content-length")
        ? {}
        : { "Content-Length": String(Buffer.byteLength(body)) };
    const req = http.request({ host: hostname, port, method, path, headers: { host, ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    // A CONNECT's answer arrives as a "connect" event, not a response.
    req.on("connect", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode!, headers: res.headers, body: "" });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = (r: Raw) =>
  JSON.parse(r.body) as { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown>;

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function createToken(page: Page): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(`hostile ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New token")).toHaveValue(/^lw_/);
  return page.getByLabel("New token").inputValue();
}

/** Every server action of the build, with a page it can be posted to. */
function serverActions(): { name: string; id: string; path: string }[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    // A page anyone may render (dashboard, review and settings redirect guests), with as few parameters as possible.
    const rank = (w: string) => (/dashboard|review|settings/.test(w) ? 100 : 0) + w.length;
    const pages = Object.keys(entry.workers).filter((w) => !w.includes("_not-found") && !w.includes("[attemptId]"));
    const page = pages.sort((a, b) => rank(a) - rank(b))[0] ?? "app/page";
    const path =
      page
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace("[slug]", SLUG) || "/";
    return { name: entry.exportedName ?? id, id, path };
  });
}

// The first sign-up on a fresh server can be slow (argon2, database warm-up).
test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await browser.newPage();
  await signUp(page).catch(() => undefined);
  await page.close();
});

test("TRACE and other methods the site does not answer are a 405 (a 400 where Node's parser does not know them) on every kind of path", async () => {
  const paths = [
    "/",
    "/questions",
    `/questions/${SLUG}`,
    `/questions/${SLUG}/quiz`,
    "/settings/tokens",
    "/api/v1/questions",
    "/api/v1/attempts/x",
    "/api/auth/session",
    "/api/health",
    "/_next/static/x.js",
    "/no-such-page",
  ];
  for (const path of paths) {
    for (const method of ["TRACE", "PROPFIND", "LOCK", "CONNECT"]) {
      const r = await raw(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.allow).toContain("GET");
      if (path.startsWith("/api/") && method !== "CONNECT") expect(json(r).error?.code).toBe("method_not_allowed");
    }
    expect((await raw("TRACK", path)).status).toBe(400);
  }
});

test("malformed percent-encoding and control characters in every path parameter are a 4xx, never a 500", async ({ page }) => {
  await signUp(page);
  const token = await createToken(page);
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const bad = ["%ZZ", "%", "%C0%AF", "%E2%82", "%FF", "%00", "a%00b", "%0A", "%7F", "%2e%2e%00"];
  const pages = [
    "/questions/{p}",
    "/questions/{p}/quiz",
    `/questions/{p}/quiz/x`,
    `/questions/${SLUG}/quiz/{p}`,
    "/settings/{p}",
    "/{p}",
    "/lab/{p}",
  ];
  const api: [string, string, string?][] = [
    ["GET", "/api/v1/questions/{p}"],
    ["GET", "/api/v1/attempts/{p}"],
    ["PUT", "/api/v1/attempts/{p}/answers", JSON.stringify({ version: 0, answers: {} })],
    ["POST", "/api/v1/attempts/{p}/submit", JSON.stringify({ version: 0 })],
    ["POST", "/api/v1/attempts/{p}/self-grade", JSON.stringify({ itemId: "x", ticked: [] })],
    ["GET", "/api/{p}"],
  ];
  for (const value of bad) {
    for (const template of pages) {
      const r = await raw("GET", template.replace("{p}", value));
      expect(r.status, `GET ${template} with ${value}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `GET ${template} with ${value}`).toBeLessThan(500);
      expect(r.headers["content-type"]).toContain("text/html"); // the site's own 404 page
    }
    for (const [method, template, body] of api) {
      const r = await raw(method, template.replace("{p}", value), { headers: auth, body });
      expect(r.status, `${method} ${template} with ${value}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${template} with ${value}`).toBeLessThan(500);
      expect(json(r).error?.code, `${method} ${template} with ${value}`).toBeTruthy();
    }
  }
  // Well-encoded but absurd values name nothing: 404 with a JSON body.
  for (const [method, template, body] of api.slice(0, 5)) {
    const r = await raw(method, template.replace("{p}", "x".repeat(500)), { headers: auth, body });
    expect(r.status, `${method} ${template} with a long id`).toBe(404);
  }
  expect((await raw("GET", "/api/v1/questions?q=%00")).status).toBe(400);
  expect((await raw("GET", "/api/health")).status).toBe(200);
});

test("U+0000 in any JSON string of any API body is a 400 with a JSON error, and changes nothing", async ({ page }) => {
  await signUp(page);
  const token = await createToken(page);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const started = await raw("POST", "/api/v1/attempts", { headers, body: JSON.stringify({ slug: SLUG }) });
  expect(started.status).toBe(201);
  const attempt = json(started).attempt as {
    id: string;
    items: { id: string; type: string; options?: { id: string }[]; entries?: { id: string }[] }[];
  };

  const answers: Record<string, unknown> = {};
  for (const item of attempt.items) {
    if (item.type === "single") answers[item.id] = { type: "single", optionId: item.options![0]!.id };
    if (item.type === "multiple") answers[item.id] = { type: "multiple", optionIds: [item.options![0]!.id] };
    if (item.type === "truefalse") answers[item.id] = { type: "truefalse", value: true };
    if (item.type === "numeric") answers[item.id] = { type: "numeric", value: "12" };
    if (item.type === "ordering") answers[item.id] = { type: "ordering", order: item.entries!.map((e) => e.id) };
    if (item.type === "freetext") answers[item.id] = { type: "freetext", text: "frozen layers keep their weights" };
  }
  const freeText = attempt.items.find((i) => i.type === "freetext");
  const samples: [string, string, unknown][] = [
    ["POST", "/api/v1/attempts", { slug: SLUG, mode: "full" }],
    ["PUT", `/api/v1/attempts/${attempt.id}/answers`, { version: 0, answers }],
    ["POST", `/api/v1/attempts/${attempt.id}/submit`, { version: 0, answers }],
    ["POST", `/api/v1/attempts/${attempt.id}/self-grade`, { itemId: freeText?.id ?? attempt.items[0]!.id, ticked: [0] }],
  ];

  /**
   * Every variant of `value` with NUL put into one string, or into one object key below the top level
   * (unknown top-level keys are stripped by design, so `{"mode\u0000": …}` is simply a body without `mode`).
   */
  function withNul(value: unknown, top = true): unknown[] {
    if (typeof value === "string") return [`${value}\u0000`, `\u0000${value}`];
    if (Array.isArray(value)) {
      const list: unknown[] = value;
      return list.flatMap((v, i) => withNul(v, false).map((bad) => list.map((x, j) => (i === j ? bad : x))));
    }
    if (value && typeof value === "object") {
      const entries = Object.entries(value);
      return entries.flatMap(([, v], i) => [
        ...(top ? [] : [Object.fromEntries(entries.map(([k2, v2], j) => [i === j ? `${k2}\u0000` : k2, v2]))]),
        ...withNul(v, false).map((bad) => Object.fromEntries(entries.map(([k2, v2], j) => [k2, i === j ? bad : v2]))),
      ]);
    }
    return [];
  }

  let variants = 0;
  for (const [method, path, sample] of samples) {
    for (const body of withNul(sample)) {
      const r = await raw(method, path, { headers, body: JSON.stringify(body) });
      variants++;
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(json(r).error?.code).toMatch(/invalid/);
    }
  }
  expect(variants).toBeGreaterThan(20);
  // Nothing was saved or submitted by any of them.
  const after = json(await raw("GET", `/api/v1/attempts/${attempt.id}`, { headers }));
  expect((after.attempt as { answersVersion: number; status: string }).answersVersion).toBe(0);
  expect((after.attempt as { status: string }).status).toBe("in_progress");
});

test("every server action refuses a foreign, null, malformed or missing Origin with a 403", async () => {
  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(10);
  for (const { name, id, path } of actions) {
    for (const origin of ["http://evil.example", "null", "::::", `${site().origin}.evil.example`, `https://${site().host}`, undefined]) {
      const r = await raw("POST", path, {
        headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", ...(origin === undefined ? {} : { Origin: origin }) },
        body: "[]",
      });
      expect(r.status, `${name} with Origin ${origin}`).toBe(403);
    }
  }
});

test("every server action answers bodies it does not expect with a 4xx or its own error result, never a 500", async () => {
  const origin = site().origin;
  const deep = "[".repeat(5000) + "]".repeat(5000);
  const textBodies = [
    "not json{",
    deep,
    `[${'{"a":'.repeat(3000)}1${"}".repeat(3000)}]`,
    '{"a":1}',
    '"x"',
    "[]",
    "[null]",
    "[123]",
    '[{"x":1}]',
    '[{"slug":"\\u0000"}]',
    '[{"name":"\\u0000"}]',
    `["${"a".repeat(100_000)}"]`,
    '[{"__proto__":{"polluted":1}}]',
    '["$1"]',
    '["$Q1"]',
    '["$B1"]',
    '["$@1"]',
    '[{"a":"$1:a:b"}]',
    '["$S"]',
    "[1e999]",
  ];
  const boundary = "----hostile";
  const multipart = (parts: [string, string][]) =>
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  const multipartBodies = [
    multipart([["x", "1"]]),
    multipart([["0", "{{"]]),
    multipart([["0", '["$K1"]']]),
    multipart([
      ["0", '["$1"]'],
      ["1_email", "a"],
    ]),
    "garbage",
  ];
  for (const { name, id, path } of serverActions()) {
    const post = (contentType: string, body: string) =>
      raw("POST", path, { headers: { "Next-Action": id, Origin: origin, "Content-Type": contentType }, body });
    for (const body of textBodies) {
      const r = await post("text/plain;charset=UTF-8", body);
      expect(r.status, `${name}: ${body.slice(0, 40)}`).toBeLessThan(500);
    }
    for (const body of multipartBodies) {
      const r = await post(`multipart/form-data; boundary=${boundary}`, body);
      expect(r.status, `${name}: multipart ${body.slice(0, 60)}`).toBeLessThan(500);
    }
    for (const type of ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      expect((await post(type, "[]")).status, `${name}: ${type}`).toBe(400);
    }
    // Over the limit: refused before it is read.
    const big = await raw("POST", path, {
      headers: { "Next-Action": id, Origin: origin, "Content-Type": "text/plain" },
      body: `["${"a".repeat(1_100_000)}"]`,
    });
    expect(big.status, `${name}: 1.1 MB`).toBe(413);
    // A form post without JavaScript (no Next-Action header) carrying junk.
    const form = await raw("POST", path, {
      headers: { Origin: origin, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart([
        [`$ACTION_ID_${id}`, ""],
        ["email", "\u0000"],
      ]),
    });
    expect(form.status, `${name}: form post`).toBeLessThan(500);
  }
  // Posts to every page without an action header: a garbled multipart body is a 400, anything else the page's answer.
  const pages = [
    "/",
    "/questions",
    `/questions/${SLUG}`,
    `/questions/${SLUG}/quiz`,
    "/signin",
    "/signup",
    "/lab",
    "/dashboard",
    "/no-such-page",
  ];
  for (const path of pages) {
    for (const [type, body] of [
      [`multipart/form-data; boundary=${boundary}`, "junk=1"],
      [`multipart/form-data; boundary=${boundary}`, multipart([["a", "1"]]).slice(0, -12)],
      ["multipart/form-data", "x"],
    ]) {
      expect(
        (await raw("POST", path, { headers: { Origin: origin, "Content-Type": type! }, body })).status,
        `${path} ${type} ${body}`,
      ).toBe(400);
    }
    for (const [type, body] of [
      ["application/x-www-form-urlencoded", "a=%ZZ&b"],
      ["text/plain", "junk"],
      ["application/json", "{"],
      [`multipart/form-data; boundary=${boundary}`, multipart([["a", "1"]])],
    ]) {
      expect(
        (await raw("POST", path, { headers: { Origin: origin, "Content-Type": type! }, body })).status,
        `${path} ${type}`,
      ).toBeLessThan(500);
    }
  }
  // The server is alive and well afterwards.
  expect((await raw("GET", "/api/health")).status).toBe(200);
});

test("request bodies: over the limit is a 413, and a streamed body is cut off at the limit instead of read whole", async ({ page }) => {
  await signUp(page);
  const token = await createToken(page);
  for (const path of ["/api/v1/attempts", `/questions/${SLUG}/quiz`]) {
    const announced = await raw("POST", path, {
      headers: { Authorization: `Bearer ${token}`, Origin: site().origin, "Content-Type": "application/json" },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(announced.status, path).toBe(413);
  }
  // Within the server's cap but over the API's own 256 KiB: refused by the handler, still a JSON 413.
  const mid = await raw("POST", "/api/v1/attempts", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: `{"slug":"${"a".repeat(300 * 1024)}"}`,
  });
  expect(mid.status).toBe(413);
  expect(json(mid).error?.code).toBe("too_large");

  // Stream up to 64 MB in chunks; the 413 must arrive long before the stream could end.
  const { hostname, port, host } = site();
  const result = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: hostname,
        port,
        method: "POST",
        path: "/api/v1/attempts",
        headers: { host, Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      },
      (res) => {
        answered = true;
        resolve({ status: res.statusCode!, sentWhenAnswered: sent });
        res.resume();
        req.destroy();
      },
    );
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < 64 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.write("{");
    pump();
  });
  expect(result.status).toBe(413);
  expect(result.sentWhenAnswered).toBeLessThan(16 * 1024 * 1024);
  expect((await raw("GET", "/api/health")).status).toBe(200);
});

test("an invalid credential is a 401 on every API route; the questions API searches and filters like /questions", async ({ page }) => {
  const routes: [string, string][] = [
    ["GET", "/api/v1/questions"],
    ["GET", `/api/v1/questions/${SLUG}`],
    ["GET", "/api/v1/openapi.json"],
    ["POST", "/api/v1/attempts"],
    ["GET", "/api/v1/attempts/x"],
    ["PUT", "/api/v1/attempts/x/answers"],
    ["POST", "/api/v1/attempts/x/submit"],
    ["POST", "/api/v1/attempts/x/self-grade"],
  ];
  for (const header of [
    "Bearer lw_bogus",
    "Bearer nonsense",
    "Basic dXNlcjpwYXNz",
    "Bearer lw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  ]) {
    for (const [method, path] of routes) {
      const r = await raw(method, path, {
        headers: { Authorization: header, "Content-Type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      expect(r.status, `${method} ${path} with ${header}`).toBe(401);
      expect(json(r).error?.code).toBe("invalid_token");
    }
  }
  // Search and filters, exactly as the page lists them.
  for (const query of ["q=freezing", "q=learning%20rate", "q=fine-tuning&difficulty=medium", "q=fine%20tunning", "difficulty=hard"]) {
    const apiRes = await raw("GET", `/api/v1/questions?${query}`);
    expect(apiRes.status, query).toBe(200);
    const apiSlugs = (json(apiRes).questions as { slug: string }[]).map((q) => q.slug);
    await page.goto(`/questions?${query}`);
    const pageSlugs = await page
      .locator("main ul > li > a[href^='/questions/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/")[2]!));
    expect(apiSlugs, query).toEqual(pageSlugs);
  }
  const freezing = json(await raw("GET", "/api/v1/questions?q=freezing")).questions as { slug: string }[];
  expect(freezing[0]?.slug).toBe(SLUG);
  const all = json(await raw("GET", "/api/v1/questions")).questions as { slug: string; topic: string }[];
  const topic = all.find((q) => q.slug === SLUG)!.topic;
  const byTopic = json(await raw("GET", `/api/v1/questions?topic=${topic}`)).questions as { topic: string }[];
  expect(byTopic.length).toBeGreaterThan(0);
  expect(byTopic.every((q) => q.topic === topic)).toBe(true);
  for (const query of ["topic=bogus", "difficulty=impossible", "role=x", "tag=Not%20A%20Tag", `q=${"x".repeat(300)}`]) {
    const r = await raw("GET", `/api/v1/questions?${query}`);
    expect(r.status, query).toBe(400);
    expect(json(r).error?.code).toBe("invalid_query");
  }
  const doc = json(await raw("GET", "/api/v1/openapi.json")) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
  expect(doc.paths["/questions"]!.get!.parameters!.map((p) => p.name).sort()).toEqual(["difficulty", "q", "role", "tag", "topic"]);
});

test("the session endpoint gives page scripts the user and expiry, never the session token", async ({ page }) => {
  await signUp(page);
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name.endsWith("authjs.session-token"))!.value;
  const r = await raw("GET", "/api/auth/session", { headers: { Cookie: await cookieHeader(page) } });
  expect(r.status).toBe(200);
  const session = JSON.parse(r.body) as Record<string, unknown>;
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  expect(Object.keys(session.user as object).sort()).toEqual(["email", "id", "image", "name"]);
  expect(r.body).not.toContain(token);
  expect(r.body).not.toMatch(/sessionToken|userId/);
  // The in-page fetch sees the same.
  const inPage = await page.evaluate(async () => (await fetch("/api/auth/session")).text());
  expect(inPage).not.toContain(token);
});

const REDIRECT_ATTACKS = [
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2e//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example",
  "/%09/evil.example",
  "javascript:alert(1)",
  "/./%2e%2e/%2e//evil.example",
  "/%5cevil.example",
  "///evil.example",
];

test("a signed-in /signin never redirects off the site, whatever callbackUrl says", async ({ page }) => {
  await signUp(page);
  const cookie = await cookieHeader(page);
  const here = site();
  for (const target of REDIRECT_ATTACKS) {
    const r = await raw("GET", `/signin?callbackUrl=${encodeURIComponent(target)}`, { headers: { Cookie: cookie } });
    expect(r.status, target).toBeGreaterThanOrEqual(300);
    expect(r.status, target).toBeLessThan(400);
    expect(new URL(r.headers.location!, here).origin, `${target} → ${r.headers.location}`).toBe(here.origin);
  }
});

test("the sign-in action itself never redirects off the site, whatever callbackUrl it is posted", async ({ browser }) => {
  const setup = await browser.newPage();
  const { email } = await signUp(setup);
  await setup.close();
  const here = site();
  // The page only ever renders a safe callbackUrl: record the action post a real sign-in makes, then replay
  // it with the attacker's value in the callbackUrl field (what a direct POST can send).
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin?callbackUrl=/dashboard");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  const recorded = (await answered).request();
  const sent = await recorded.allHeaders();
  const body = recorded.postData()!;
  expect(body.split("\r\n\r\n/dashboard\r\n")).toHaveLength(2);
  for (const target of REDIRECT_ATTACKS) {
    const r = await raw("POST", "/signin", {
      headers: {
        "Next-Action": sent["next-action"]!,
        "Content-Type": sent["content-type"]!,
        Accept: "text/x-component",
        Origin: here.origin,
      },
      body: body.replace("\r\n\r\n/dashboard\r\n", `\r\n\r\n${target}\r\n`),
    });
    const location = r.headers["x-action-redirect"];
    expect(location, `${target}: ${r.status} ${r.body.slice(0, 200)}`).toBeTruthy();
    expect(new URL(String(location).split(";")[0]!, here).origin, `${target} → ${String(location)}`).toBe(here.origin);
  }
});

test("the request's Host is never trusted: Auth.js and action redirects use the configured origin", async ({ page }) => {
  await signUp(page);
  const cookie = await cookieHeader(page);
  const here = site();
  const hostiles: Record<string, string>[] = [{ Host: "evil.example" }, { "X-Forwarded-Host": "evil.example" }, { Host: "0.0.0.0:3000" }];
  for (const hostile of hostiles) {
    const signin = await raw("GET", "/api/auth/signin", { headers: hostile });
    for (const value of [signin.headers.location ?? "", signin.body]) expect(value).not.toMatch(/evil\.example|0\.0\.0\.0/);
    const csrf = await raw("GET", "/api/auth/providers", { headers: hostile });
    expect(csrf.body).not.toMatch(/evil\.example|0\.0\.0\.0/);
    // Next's own check compared Origin with Host: a matching pair of hostile values no longer passes.
    const action = serverActions().find((a) => a.name === "signOutAction")!;
    const spoofed = await raw("POST", "/", {
      headers: { ...hostile, Origin: "http://evil.example", "Next-Action": action.id, "Content-Type": "text/plain", Cookie: cookie },
      body: "[]",
    });
    expect(spoofed.status).toBe(403);
    const signedIn = await raw("GET", "/signin", { headers: { ...hostile, Cookie: cookie } });
    expect(new URL(signedIn.headers.location!, here).origin).toBe(here.origin);
  }
  // Signing out with a hostile Host lands on the site itself.
  const signOut = serverActions().find((a) => a.name === "signOutAction")!;
  const r = await raw("POST", "/", {
    headers: { Host: "evil.example", Origin: here.origin, "Next-Action": signOut.id, "Content-Type": "text/plain", Cookie: cookie },
    body: "[]",
  });
  const location = String(r.headers["x-action-redirect"] ?? r.headers.location ?? "");
  expect(location).toBeTruthy();
  expect(new URL(location.split(";")[0]!, here).origin).toBe(here.origin);
});

test("a candidate cannot ask for authored order: the API and the start action (guests too) refuse shuffle:false; options vary", async ({
  page,
}) => {
  await signUp(page);
  const token = await createToken(page);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const refused = await raw("POST", "/api/v1/attempts", { headers, body: JSON.stringify({ slug: SLUG, shuffle: false }) });
  expect(refused.status).toBe(400);
  expect(json(refused).error?.fields?.shuffle).toMatch(/always shuffled/);

  // The start action, as a guest (no cookies: the action creates the guest), refuses it too.
  const start = serverActions().find((a) => a.name === "startAttemptAction")!;
  const asked = await raw("POST", start.path, {
    headers: { "Next-Action": start.id, Origin: site().origin, "Content-Type": "text/plain;charset=UTF-8" },
    body: JSON.stringify([{ slug: SLUG, shuffle: false }]),
  });
  expect(asked.status).toBe(200);
  expect(asked.body).toContain("Items and options are always shuffled for candidates.");
  expect(asked.body).not.toContain('"ok":true');

  // Eight attempts in a row (start, submit, start again): the option order of a choice item is not fixed.
  const firstSingleOrder = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const started = await raw("POST", "/api/v1/attempts", { headers, body: JSON.stringify({ slug: SLUG }) });
    expect(started.status).toBe(201);
    const view = json(started).attempt as { id: string; items: { type: string; options?: { id: string }[] }[] };
    const choice = view.items.find((it) => it.type === "single" || it.type === "multiple")!;
    firstSingleOrder.add(choice.options!.map((o) => o.id).join(","));
    expect((await raw("POST", `/api/v1/attempts/${view.id}/submit`, { headers, body: JSON.stringify({ version: 0 }) })).status).toBe(200);
  }
  expect(firstSingleOrder.size).toBeGreaterThan(1);
});
