import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createApiToken } from "@/server/data/api-tokens";
import { openApiDocument } from "@/server/api/openapi";
import * as setsRoute from "@/app/api/v1/sets/route";
import * as setRoute from "@/app/api/v1/sets/[id]/route";
import * as shareRoute from "@/app/api/v1/sets/[id]/share-link/route";
import * as resultsRoute from "@/app/api/v1/sets/[id]/results/route";
import * as csvRoute from "@/app/api/v1/sets/[id]/results.csv/route";
import * as exportRoute from "@/app/api/v1/sets/[id]/export/route";
import * as importRoute from "@/app/api/v1/sets/import/route";
import * as gradesRoute from "@/app/api/v1/sets/[id]/grades/route";
import { describeEachDatabase } from "./support/databases";
import { createUser } from "./support/users";

/** The route handlers called as Next calls them, authenticated with a real personal API token. */
const BASE = "http://layerwise.test/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(
  handler: Handler,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  params: Record<string, string> = {},
  type = "application/json",
) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = type;
  const init: RequestInit = {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  };
  return handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve(params) });
}

async function tokenFor() {
  const viewer = await createUser();
  return (await createApiToken(viewer, "ats")).token;
}

const ITEM = { from: "custom", item: { id: "q", type: "truefalse", prompt: "True?", keyPoint: 0, answer: true, rationale: "Yes." } };

describeEachDatabase("question sets JSON API", () => {
  it("create, read, patch, share, results, CSV, export, delete — and 404 for another manager, 401 anonymous", async () => {
    const owner = await tokenFor();
    const other = await tokenFor();
    const created = await call(setsRoute.POST, "POST", "/sets", owner, { title: "ATS screen", items: [ITEM] });
    expect(created.status).toBe(201);
    const { set } = (await created.json()) as { set: { id: string; settings: { attemptsAllowed: number } } };
    const p = { id: set.id };
    const routes: [Handler, string, string, unknown?][] = [
      [setRoute.GET, "GET", `/sets/${set.id}`],
      [setRoute.PATCH, "PATCH", `/sets/${set.id}`, { title: "Renamed" }],
      [shareRoute.POST, "POST", `/sets/${set.id}/share-link`],
      [shareRoute.DELETE, "DELETE", `/sets/${set.id}/share-link`],
      [resultsRoute.GET, "GET", `/sets/${set.id}/results`],
      [csvRoute.GET, "GET", `/sets/${set.id}/results.csv`],
      [gradesRoute.PUT, "PUT", `/sets/${set.id}/grades`, { attemptId: "x", itemId: "q", ticked: [0] }],
      [exportRoute.GET, "GET", `/sets/${set.id}/export?format=gift`],
      [exportRoute.GET, "GET", `/sets/${set.id}/export?format=markdown`],
      [setRoute.DELETE, "DELETE", `/sets/${set.id}`],
    ];
    const notFoundBodies = new Set<string>();
    for (const [h, method, path, body] of routes) {
      const res = await call(h, method, path, other, body, p);
      expect(res.status, `${method} ${path} as another manager`).toBe(404);
      notFoundBodies.add(await res.text());
      expect((await call(h, method, path, null, body, p)).status, `${method} ${path} anonymous`).toBe(401);
    }
    // The same body for every denial, and the same as for an id that does not exist.
    const missing = await call(setRoute.GET, "GET", "/sets/nope", owner, undefined, { id: "nope" });
    notFoundBodies.add(await missing.text());
    expect(notFoundBodies.size).toBe(1);

    expect((await call(setRoute.GET as Handler, "GET", `/sets/${set.id}`, owner, undefined, p)).status).toBe(200);
    const patched = await call(setRoute.PATCH, "PATCH", `/sets/${set.id}`, owner, { settings: { attemptsAllowed: 0 } }, p);
    expect(patched.status).toBe(400); // strict settings: a partial or invalid settings object is refused, nothing changes
    const share = await call(shareRoute.POST, "POST", `/sets/${set.id}/share-link`, owner, undefined, p);
    expect(share.status).toBe(201);
    expect(((await share.json()) as { url: string }).url).toMatch(/^http:\/\/layerwise\.test\/s\/[A-Za-z0-9_-]{43}$/);
    const grade = await call(gradesRoute.PUT, "PUT", `/sets/${set.id}/grades`, owner, { attemptId: "none", itemId: "q", ticked: [] }, p);
    expect(grade.status).toBe(404); // no such attempt in this set
    const badGrade = await call(gradesRoute.PUT, "PUT", `/sets/${set.id}/grades`, owner, { attemptId: "a", itemId: "q", ticked: [-1] }, p);
    expect(badGrade.status).toBe(400);
    const csv = await call(csvRoute.GET, "GET", `/sets/${set.id}/results.csv`, owner, undefined, p);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^name,email,status,score/);
    const gift = await call(exportRoute.GET, "GET", `/sets/${set.id}/export?format=gift`, owner, undefined, p);
    expect(await gift.text()).toContain("True? {TRUE#[markdown]Yes.#[markdown]Yes.}");
    expect((await call(exportRoute.GET as Handler, "GET", `/sets/${set.id}/export?format=pdf`, owner, undefined, p)).status).toBe(400);
    const list = (await (await call(setsRoute.GET, "GET", "/sets", owner)).json()) as { sets: { id: string }[] };
    expect(list.sets.map((s) => s.id)).toEqual([set.id]);
    expect((await call(setRoute.DELETE as Handler, "DELETE", `/sets/${set.id}`, owner, undefined, p)).status).toBe(200);
    expect((await call(setRoute.GET as Handler, "GET", `/sets/${set.id}`, owner, undefined, p)).status).toBe(404);
  });

  it("bad bodies get a 4xx JSON error, never a 500", async () => {
    const owner = await tokenFor();
    const bodies: unknown[] = [
      {},
      { title: "" },
      { title: "x", items: [] },
      { title: "x", items: [{ from: "bank", slug: "no-such-question" }] },
      { title: "x", items: [ITEM], settings: { order: "random" } },
      [1, 2],
      "str",
      "{not json",
    ];
    for (const b of bodies) {
      const res = await call(setsRoute.POST, "POST", "/sets", owner, b);
      expect(res.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    const polluting =
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"title":"x",` + `"items":[${JSON.stringify(ITEM)}]}`;
    expect((await call(setsRoute.POST as Handler, "POST", "/sets", owner, polluting)).status).toBe(400); // strict: unknown keys refused
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("import: GIFT as JSON or as a text body, with the report; an unsupported-only file is a 400", async () => {
    const owner = await tokenFor();
    const text = readFileSync(new URL("../fixtures/gift/moodle-examples.gift.txt", import.meta.url), "utf8");
    const res = await call(importRoute.POST, "POST", "/sets/import", owner, { format: "gift", text });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      set: { items: unknown[] };
      report: { entries: { line: number; kind: string; message: string }[] };
    };
    expect(body.set.items).toHaveLength(40);
    expect(body.report.entries.filter((e) => e.kind === "skipped").map((e) => e.line)).toEqual([55, 61, 177]);
    const raw = await call(importRoute.POST, "POST", "/sets/import?format=gift&title=Raw", owner, text, {}, "text/plain");
    expect(raw.status).toBe(201);
    const bad = await call(importRoute.POST, "POST", "/sets/import", owner, {
      format: "gift",
      text: "Match {=a -> b =c -> d =e -> f}",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/line 1: matching/);
  });

  it("every set route is in the OpenAPI document", () => {
    const paths = Object.keys(openApiDocument().paths);
    for (const p of [
      "/sets",
      "/sets/{id}",
      "/sets/{id}/share-link",
      "/sets/{id}/results",
      "/sets/{id}/results.csv",
      "/sets/{id}/grades",
      "/sets/import",
      "/sets/{id}/export",
    ]) {
      expect(paths).toContain(p);
    }
    expect(JSON.stringify(openApiDocument())).toBeTruthy();
  });
});
