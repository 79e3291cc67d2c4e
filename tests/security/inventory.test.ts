import { describe, expect, it } from "vitest";
import { pages, routeHandlers, serverActions } from "./inventory";
import { ACTIONS, API_ROUTES, PAGES } from "./matrix";

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
});
