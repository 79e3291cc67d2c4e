import { THEME_SCRIPT_SHA256 } from "./theme-script";

/**
 * Content-Security-Policy per route kind (docs/decisions/004):
 * - dynamic pages (an allowlist below): a per-request nonce with 'strict-dynamic' (no 'unsafe-inline', no 'unsafe-eval');
 * - everything else is built once (question pages, home, 404), so no nonce can be stamped on its inline
 *   scripts: 'self' plus 'unsafe-inline' for Next's inline bootstrap — never 'unsafe-eval'. A page missing
 *   from the allowlist therefore still works, with the weaker policy.
 * - the lab additionally allows WebAssembly compilation ('wasm-unsafe-eval') and same-origin workers.
 */
export type CspKind = "dynamic" | "static" | "lab";

/** Pages rendered per request (they must be dynamic, or their scripts would lack the nonce). */
const DYNAMIC_PAGES = [
  /^\/questions\/?$/,
  /^\/questions\/[a-z0-9-]+\/.+/,
  /^\/(signin|signup|dashboard|review|settings|forgot-password|reset-password|sets|s|cohorts)(\/|$)/,
];

/**
 * Where next.config.ts sends the static policy as a fixed header: every path except the pages above (the proxy
 * gives those their nonce policy, and two CSP headers would both be enforced), Next's own files (a worker's
 * script response would otherwise impose the static policy on the lab's worker) and the JSON API.
 * A path-to-regexp source, as next.config.ts's headers() takes it; lib/proxy-matcher.test.ts checks it.
 */
export const STATIC_POLICY_SOURCE =
  "/((?!_next/|api/|lab/?$|questions/?$|questions/[^/]+/.|(?:signin|signup|dashboard|review|settings|forgot-password|reset-password|sets|s|cohorts)(?:/|$)).*)";

export function cspKindFor(pathname: string): CspKind {
  if (pathname === "/lab" || pathname === "/lab/") return "lab"; // /lab/tfjs, /lab/data, /lab/models are files
  return DYNAMIC_PAGES.some((re) => re.test(pathname)) ? "dynamic" : "static";
}

export function buildCsp(kind: CspKind, nonce: string, dev = false): string {
  const scripts =
    kind === "static"
      ? ["'self'", "'unsafe-inline'"]
      : [`'nonce-${nonce}'`, "'strict-dynamic'", `'${THEME_SCRIPT_SHA256}'`, ...(kind === "lab" ? ["'wasm-unsafe-eval'"] : [])];
  if (dev) scripts.push("'unsafe-eval'"); // React's dev tooling only; never in production
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://lh3.googleusercontent.com",
    "font-src 'self' data:",
    "connect-src 'self'",
    `worker-src 'self'${kind === "lab" ? " blob:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
