import { expect, it } from "vitest";
import { describeEachDatabase } from "../integration/support/databases";
import { API_ACTORS, API_ROUTES, expectedApi, type ApiAccess, type ApiActor } from "./matrix";
import { call, makeWorld, requestFor } from "./api-support";

/**
 * Every JSON API route × every API actor, in-process against a real database: each outcome must be the one
 * the matrix derives, a denial must be byte-for-byte the response to an id that does not exist (so ids
 * cannot be probed), and no response may carry the id of a set or attempt the actor may not see.
 */
const STATUS: Record<string, number> = {
  "POST /api/v1/attempts": 201,
  "POST /api/v1/sets": 201,
  "POST /api/v1/sets/import": 201,
  "POST /api/v1/sets/[id]/share-link": 201,
};
// Self-grading an open attempt is refused as a state error (409/400): access was granted, the input judged.
const ALSO_ALLOWED: Record<string, number[]> = { "POST /api/v1/attempts/[id]/self-grade": [400, 409] };
const UNKNOWN_ID = "zz-no-such-id-000000";

const rows = Object.entries(API_ROUTES).filter(
  (e): e is [string, Exclude<ApiAccess, "http" | "delegated">] => e[1] !== "http" && e[1] !== "delegated",
);

describeEachDatabase("access matrix: JSON API", () => {
  it.each(rows)("%s (%s)", async (route, access) => {
    const w = await makeWorld();
    // Denials first, the allowed actors last: a delete must not hide what the others would have seen.
    const order = [...API_ACTORS].sort((a, b) => Number(expectedApi(access, a) === "ok") - Number(expectedApi(access, b) === "ok"));
    const failures: string[] = [];
    for (const actor of order) {
      const expected = expectedApi(access, actor);
      const req = requestFor(route, w, actor);
      const res = await call(route, w.tokens[actor], req);
      const body = await res.text();
      const where = `${route} as ${actor}`;
      if (expected === "ok") {
        const want = STATUS[route] ?? 200;
        if (res.status !== want && !(ALSO_ALLOWED[route] ?? []).includes(res.status))
          failures.push(`${where}: ${res.status} ${body.slice(0, 200)}, expected ${want}`);
      } else if (expected === "not_found") {
        const unknown = await call(route, w.tokens[actor], {
          ...req,
          params: Object.fromEntries(Object.keys(req.params ?? {}).map((k) => [k, UNKNOWN_ID])),
        });
        const unknownBody = await unknown.text();
        if (res.status !== 404 || unknown.status !== 404)
          failures.push(`${where}: ${res.status}, unknown id ${unknown.status}, expected 404`);
        if (body !== unknownBody) failures.push(`${where}: the denial differs from an unknown id:\n  ${body}\n  ${unknownBody}`);
        const headers = (r: Response) => JSON.stringify([...r.headers].filter(([k]) => k !== "date"));
        if (headers(res) !== headers(unknown)) failures.push(`${where}: the denial's headers differ from an unknown id's`);
      } else {
        const code = res.status === 401 ? ((JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "") : "";
        if (res.status !== 401 || code !== expected)
          failures.push(`${where}: ${res.status} ${body.slice(0, 200)}, expected 401 ${expected}`);
      }
      if (actor !== "setOwner" && actor !== "setViewer" && body.includes(w.setId)) failures.push(`${where}: the response names the set`);
      if (actor !== "candidate" && body.includes(w.attemptId)) failures.push(`${where}: the response names the candidate's attempt`);
    }
    expect(failures).toEqual([]);
  });

  it("a list shows only what the actor may read: another manager's and a candidate's set lists lack the set", async () => {
    const w = await makeWorld();
    const list = async (a: ApiActor) =>
      ((await (await call("GET /api/v1/sets", w.tokens[a])).json()) as { sets: { id: string }[] }).sets.map((s) => s.id);
    expect(await list("setOwner")).toEqual([w.setId]);
    expect(await list("setViewer")).toEqual([w.setId]);
    expect(await list("otherManager")).not.toContain(w.setId);
    expect(await list("otherManager")).toHaveLength(1);
    expect(await list("candidate")).toEqual([]);
  });

  it("the account export carries no answer key of an attempt still in progress (Q1)", async () => {
    const w = await makeWorld();
    const res = await call("GET /api/v1/me/export", w.tokens.candidate);
    const data = (await res.json()) as { quizAttempts: { id: string; status: string; itemsSnapshot: unknown }[] };
    const open = data.quizAttempts.find((a) => a.id === w.attemptId);
    expect(open?.status).toBe("in_progress");
    expect(open?.itemsSnapshot).toBeNull();
    expect(JSON.stringify(data)).not.toMatch(/"rationale"|"modelAnswer"|"rubric"/);
  });
});
