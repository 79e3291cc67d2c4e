import { describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config } from "@/proxy";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { cspKindFor, STATIC_POLICY_SOURCE } from "@/lib/csp";

// The proxy (a nonce per request) runs exactly on the paths lib/csp.ts renders per request; everything else is
// served without it, with next.config.ts's static policy. The two lists are written twice (Next needs the
// matcher as a literal), so this checks they agree on every route the app has and on the files around them.
const PATHS = [
  "/",
  "/questions",
  "/questions/",
  "/questions/layer-freezing",
  "/questions/layer-freezing/quiz",
  "/questions/layer-freezing/quiz/abc123",
  "/signin",
  "/signin?callbackUrl=/dashboard",
  "/signup",
  "/dashboard",
  "/review",
  "/settings",
  "/settings/tokens",
  "/settings/anything",
  "/sets",
  "/sets/new",
  "/sets/abc",
  "/sets/abc/results",
  "/s/some-token",
  "/cohorts",
  "/cohorts/abc",
  "/lab",
  "/lab?preset=cost&n=100",
  "/lab/tfjs/tfjs-backend-wasm-simd.wasm",
  "/lab/data/digits-8x8.bin",
  "/lab/models/disjoint/model.json",
  "/no-such-page",
  "/questionsx",
  "/signinx",
  "/_next/static/chunks/x.js",
  "/favicon.ico",
  "/icon.svg",
  "/api/health",
  "/api/v1/questions",
  "/api/auth/session",
];

describe("the proxy's matcher", () => {
  it.each(PATHS)("runs the proxy on %s exactly when the page needs a nonce", (url) => {
    const needsNonce = cspKindFor(new URL(url, "http://localhost").pathname) !== "static";
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(needsNonce);
  });
});

describe("the static policy header (next.config.ts)", () => {
  // The same matcher Next uses for headers() sources.
  const matches = getPathMatch(STATIC_POLICY_SOURCE, { removeUnnamedParams: true, strict: true });
  it.each(PATHS)("%s gets exactly one policy: the static header, or the proxy's nonce policy", (url) => {
    const { pathname } = new URL(url, "http://localhost");
    const asset = pathname.startsWith("/_next/") || pathname.startsWith("/api/");
    expect(Boolean(matches(pathname))).toBe(!asset && cspKindFor(pathname) === "static");
  });
});
