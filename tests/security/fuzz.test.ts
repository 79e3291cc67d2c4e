import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../integration/support/databases";
import { API_ROUTES } from "./matrix";
import { call, CUSTOM_ITEM, makeWorld, SLUG, type World } from "./api-support";

/**
 * Every input schema fuzzed through its real route (fast-check, 1,000 runs each): bodies shaped like the
 * schema with any JSON in each field, any JSON at all, and broken text; path parameters and query strings
 * as arbitrary strings. The route may refuse anything, but never with a 5xx, and always with a JSON error.
 * PGlite only: the point is the input handling, which does not depend on the database.
 */
const RUNS = Number(process.env.SECURITY_FUZZ_RUNS || 1000);

const anyJson = fc.jsonValue({ maxDepth: 3 });
const nasty = fc.constantFrom(
  "",
  "\u0000",
  "💥",
  "a".repeat(5000),
  "../../etc/passwd",
  "<script>",
  "' OR 1=1 --",
  "__proto__",
  "-1",
  "1e309",
);
const scalar = fc.oneof(fc.string({ maxLength: 60 }), nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const field = fc.oneof(scalar, anyJson);
/** An object with (some of) the schema's keys, each holding anything, sometimes extra keys. */
function shaped(keys: string[], fixed: Record<string, fc.Arbitrary<unknown>> = {}) {
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) rec[k] = fixed[k] ?? field;
  return fc
    .tuple(fc.record(rec, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 12 }), field, { maxKeys: 2 }), fc.boolean())
    .map(([o, extra, addExtra]) => (addExtra ? { ...extra, ...o } : o));
}
const body = (keys: string[], fixed: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.oneof(
    { weight: 6, arbitrary: shaped(keys, fixed) },
    { weight: 2, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ raw: `{${s}` })) },
  );
const item = fc.oneof(
  fc.constant(CUSTOM_ITEM),
  fc.record(
    { from: fc.constantFrom("custom", "bank", "x"), slug: fc.oneof(fc.constant(SLUG), fc.string()), item: field },
    { requiredKeys: [] },
  ),
  field,
);
const items = fc.oneof(fc.array(item, { maxLength: 4 }), field);
const answers = fc.oneof(fc.dictionary(fc.oneof(fc.constant("q1"), fc.string({ maxLength: 20 })), field, { maxKeys: 4 }), field);

type Case = { route: string; input: (w: World) => fc.Arbitrary<{ params?: Record<string, string>; body?: unknown; query?: string }> };
const id = (w: World, key: "setId" | "attemptId" | "cohortId") =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(w[key]) }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) });
const raw = (b: unknown) => (b && typeof b === "object" && "raw" in b ? (b as { raw: string }).raw : b);

const CASES: Case[] = [
  { route: "DELETE /api/v1/me", input: () => body(["confirm"]).map((b) => ({ body: raw(b) })) },
  {
    route: "POST /api/v1/attempts",
    input: () =>
      body(["slug", "mode", "timeLimitMinutes", "shuffle"], { slug: fc.oneof(fc.constant(SLUG), field) }).map((b) => ({ body: raw(b) })),
  },
  {
    route: "PUT /api/v1/attempts/[id]/answers",
    input: (w) =>
      fc
        .record({ id: id(w, "attemptId"), b: body(["version", "answers"], { answers }) })
        .map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  },
  {
    route: "POST /api/v1/attempts/[id]/self-grade",
    input: (w) =>
      fc.record({ id: id(w, "attemptId"), b: body(["itemId", "ticked"]) }).map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  },
  {
    route: "POST /api/v1/attempts/[id]/submit",
    input: (w) =>
      fc
        .record({ id: id(w, "attemptId"), b: body(["version", "answers"], { answers }) })
        .map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  },
  { route: "POST /api/v1/sets", input: () => body(["title", "items", "settings"], { items }).map((b) => ({ body: raw(b) })) },
  {
    route: "PATCH /api/v1/sets/[id]",
    input: (w) =>
      fc
        .record({ id: id(w, "setId"), b: body(["title", "items", "settings"], { items }) })
        .map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  },
  {
    route: "POST /api/v1/sets/import",
    input: () =>
      body(["format", "text", "title"], {
        format: fc.oneof(fc.constantFrom("gift", "markdown"), field),
        text: fc.oneof(fc.string({ maxLength: 400 }), field),
      }).map((b) => ({ body: raw(b) })),
  },
  {
    route: "GET /api/v1/questions",
    input: () =>
      fc
        .dictionary(fc.constantFrom("q", "tag", "level", "topic", "page", "limit", "cursor", "x"), fc.string({ maxLength: 80 }), {
          maxKeys: 4,
        })
        .map((q) => ({ query: `?${new URLSearchParams(q)}` })),
  },
  {
    route: "GET /api/v1/questions/[slug]",
    input: () => fc.oneof(fc.constant(SLUG), fc.string({ maxLength: 300 }), nasty).map((slug) => ({ params: { slug } })),
  },
  {
    route: "GET /api/v1/sets/[id]/export",
    input: (w) =>
      fc
        .record({ id: id(w, "setId"), f: fc.oneof(fc.constantFrom("gift", "markdown"), fc.string({ maxLength: 30 })) })
        .map(({ id, f }) => ({ params: { id }, query: `?format=${encodeURIComponent(f)}` })),
  },
  { route: "GET /api/v1/attempts/[id]", input: (w) => id(w, "attemptId").map((id) => ({ params: { id } })) },
  { route: "GET /api/v1/sets/[id]", input: (w) => id(w, "setId").map((id) => ({ params: { id } })) },
  {
    route: "PUT /api/v1/sets/[id]/grades",
    input: (w) =>
      fc.record({ id: id(w, "setId"), b: body(["attemptId", "itemId", "ticked"]) }).map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  },
  { route: "POST /api/v1/cohorts", input: () => body(["title", "description"]).map((b) => ({ body: raw(b) })) },
  { route: "POST /api/v1/cohorts/join", input: () => body(["code"]).map((b) => ({ body: raw(b) })) },
  ...(
    [
      ["POST /api/v1/cohorts/[id]/members", ["email"]],
      ["POST /api/v1/cohorts/[id]/invites", ["expiresAt", "maxUses"]],
      ["POST /api/v1/cohorts/[id]/assignments", ["kind", "title", "setId", "challenge", "dueAt"]],
    ] as const
  ).map(([route, keys]) => ({
    route,
    input: (w: World) => fc.record({ id: id(w, "cohortId"), b: body([...keys]) }).map(({ id, b }) => ({ params: { id }, body: raw(b) })),
  })),
  ...(
    [
      ["DELETE /api/v1/cohorts/[id]/members/[userId]", "userId", []],
      ["DELETE /api/v1/cohorts/[id]/invites/[inviteId]", "inviteId", []],
      ["POST /api/v1/cohorts/[id]/assignments/[assignmentId]/submissions", "assignmentId", ["settings", "claimed"]],
      ["POST /api/v1/cohorts/[id]/assignments/[assignmentId]/extra-time", "assignmentId", ["userId", "extraMinutes"]],
      ["POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts", "assignmentId", []],
    ] as const
  ).map(([route, param, keys]) => ({
    route,
    input: (w: World) =>
      fc
        .record({ id: id(w, "cohortId"), other: fc.string({ maxLength: 300 }), b: body([...keys]) })
        .map(({ id, other, b }) => ({ params: { id, [param]: other }, body: keys.length ? raw(b) : undefined })),
  })),
  ...(
    [
      ["PUT /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]", ["version", "answers"]],
      ["POST /api/v1/cohorts/[id]/assignments/[assignmentId]/attempts/[attemptId]/submit", ["version"]],
    ] as const
  ).map(([route, keys]) => ({
    route,
    input: (w: World) =>
      fc
        .record({
          id: id(w, "cohortId"),
          assignmentId: fc.string({ maxLength: 300 }),
          attemptId: id(w, "attemptId"),
          b: body([...keys], { answers }),
        })
        .map(({ id, assignmentId, attemptId, b }) => ({ params: { id, assignmentId, attemptId }, body: raw(b) })),
  })),
];

describeEachDatabase("input fuzzing through the real routes", ({ kind }) => {
  it("every route with an input is fuzzed here", () => {
    const withInput = Object.keys(API_ROUTES).filter(
      (r) => /^(POST|PUT|PATCH|DELETE) \/api\/v1\//.test(r) && !/share-link|DELETE \/api\/v1\/sets\/\[id\]$/.test(r),
    );
    expect(withInput.filter((r) => !CASES.some((c) => c.route === r))).toEqual([]);
  });

  it.skipIf(kind !== "pglite").each(CASES.map((c) => [c.route, c] as const))(`%s: ${RUNS} runs, never a 5xx`, async (_route, c) => {
    const w = await makeWorld();
    // The candidate's token for attempts; the set owner's for the set's routes (so valid ids reach the data layer).
    const token = c.route.includes("/sets") ? w.tokens.setOwner : w.tokens.candidate;
    await fc.assert(
      fc.asyncProperty(c.input(w), async (input) => {
        const res = await call(c.route, token, input);
        const text = await res.text();
        expect(res.status, `${c.route} ${JSON.stringify(input).slice(0, 300)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(() => void JSON.parse(text), text.slice(0, 200)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
