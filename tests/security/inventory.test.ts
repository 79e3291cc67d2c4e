import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pages, routeHandlers, serverActions } from "./inventory";
import { ACTIONS, API_ROUTES, DELEGATED, PAGES } from "./matrix";

// Complete by construction: a route, page or action without a matrix row fails here, and so does a stale row.
describe("the security matrix covers every entry point", () => {
  it("every route handler (app/**/route.ts × exported method) has a row, and every row a handler", () => {
    const found = routeHandlers();
    expect(found.length).toBeGreaterThan(20);
    expect(
      found.filter((r) => !(r in API_ROUTES)),
      "routes without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(API_ROUTES).filter((r) => !found.includes(r)),
      "rows without a route",
    ).toEqual([]);
  });
  it("every page (app/**/page.tsx) has a row, and every row a page", () => {
    const found = pages();
    expect(
      found.filter((p) => !(p in PAGES)),
      "pages without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(PAGES).filter((p) => !found.includes(p)),
      "rows without a page",
    ).toEqual([]);
  });
  it("every exported server action (server/actions/*.ts) has a row, and every row an action", () => {
    const found = serverActions();
    expect(found.length).toBeGreaterThan(20);
    expect(
      found.filter((a) => !(a in ACTIONS)),
      "actions without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(ACTIONS).filter((a) => !found.includes(a)),
      "rows without an action",
    ).toEqual([]);
  });
  it("every delegated route is called in the integration test that holds its matrix", () => {
    const missing: string[] = [];
    for (const [route, access] of Object.entries(API_ROUTES)) {
      if (access !== "delegated") continue;
      const path = route.split(" ")[1]!;
      const prefix = Object.keys(DELEGATED).find((p) => path.startsWith(p));
      if (!prefix) {
        missing.push(`${route}: no DELEGATED entry`);
        continue;
      }
      // The tests name a route by its path after /api/v1, with {param} for [param] (as OpenAPI does).
      const named = path.replace(/^\/api\/v1/, "").replace(/\[(\w+)\]/g, "{$1}");
      const texts = DELEGATED[prefix]!.map((f) => fs.readFileSync(f, "utf8"));
      const withIds = new RegExp('["`]' + named.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, '[^/"`]+') + '["`?]');
      if (!texts.some((t) => t.includes(`"${named}"`) || withIds.test(t)))
        missing.push(`${route}: not called in ${DELEGATED[prefix]!.join(", ")}`);
    }
    expect(missing).toEqual([]);
  });
});
