import { THEME_SCRIPT_SHA256 } from "@/lib/theme-script";

/**
 * Content-Security-Policy per route kind (docs/decisions/004):
 * - dynamic pages: a per-request nonce with 'strict-dynamic' (no 'unsafe-inline', no 'unsafe-eval');
 * - statically generated pages (built once, so no nonce can be stamped on their inline scripts):
 *   'self' plus 'unsafe-inline' for Next's inline bootstrap — never 'unsafe-eval';
 * - the lab additionally allows WebAssembly compilation ('wasm-unsafe-eval') and same-origin workers.
 */
export type CspKind = "dynamic" | "static" | "lab";

/** Pages rendered at build time. Keep in step with the routes that have generateStaticParams / no dynamic APIs. */
export function cspKindFor(pathname: string): CspKind {
  if (pathname === "/lab" || pathname.startsWith("/lab/")) return "lab";
  if (pathname === "/" || /^\/questions\/[a-z0-9-]+\/?$/.test(pathname)) return "static";
  return "dynamic";
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
