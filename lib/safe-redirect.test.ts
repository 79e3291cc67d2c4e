import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeRedirectPath } from "./safe-redirect";

const SITE = "https://site.test";

/** Where a browser would go for a Location header value, resolved against the site. */
const landsOn = (location: string) => new URL(location, `${SITE}/some/page`);

// Fragments attackers combine: dot segments (plain and percent-encoded), slashes, backslashes, schemes, hosts, whitespace.
const fragment = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  ".",
  "..",
  "./",
  "../",
  "%2e",
  "%2E",
  "%2e%2e",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%00",
  "%0a",
  "%09",
  "\t",
  "\n",
  "\r",
  " ",
  "\u0000",
  "@",
  ":",
  "?",
  "#",
  "&",
  "evil.example",
  "evil.example:443",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "///",
  "a",
  "dashboard",
  "%",
  "%ZZ",
  "\u3002",
  "\uff0f",
  "\u2215",
);
const attack = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(""));
const input = fc.oneof(
  attack,
  attack.map((s) => `/${s}`),
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.webUrl(),
  fc.anything(),
);

describe("safeRedirectPath", () => {
  it.each([
    ["/questions/layer-freezing", "/questions/layer-freezing"],
    ["/dashboard?tab=1#x", "/dashboard?tab=1#x"],
    ["/settings/tokens", "/settings/tokens"],
  ])("keeps same-origin path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  // The requests, and the classic ones.
  it.each([
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2e//evil.example",
    "/./%2e/..//evil.example",
    "https://evil.test",
    "//evil.test",
    "/\\evil.test",
    "/\t/evil.test",
    "/\n/evil.test",
    "javascript:alert(1)",
    "",
    "evil.test",
    "/%0a//evil",
    null,
    42,
  ])("never leaves the origin for %j", (input) => {
    const out = safeRedirectPath(input, "/dashboard");
    expect(landsOn(out).origin).toBe(SITE);
    expect(out).not.toMatch(/^\/[/\\]/);
  });

  it("always resolves to the site's own origin, for arbitrary input (property)", () => {
    fc.assert(
      fc.property(input, (target) => {
        const out = safeRedirectPath(target, "/dashboard");
        expect(out.startsWith("/")).toBe(true);
        expect(out).not.toMatch(/^\/[/\\]/);
        expect(landsOn(out).origin).toBe(SITE);
        // What the browser finally requests is a path on this site that is itself safe (no second hop).
        expect(safeRedirectPath(out)).toBe(out);
      }),
      { numRuns: 20_000 },
    );
  });
});
