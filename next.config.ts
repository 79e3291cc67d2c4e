import type { NextConfig } from "next";
import { buildCsp, STATIC_POLICY_SOURCE } from "./lib/csp";

// Headers that do not vary per request. Pages rendered per request get a nonce policy from proxy.ts, which
// replaces the static one below; every other response (prebuilt pages, files, 404s) keeps the static policy.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Keep PGlite's wasm/data files out of .next/static (where anyone could download them) and native addons unbundled.
  // tfjs: the lab-challenge grader (server/lab-grader.ts) runs the lab core in the server process; load it from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: STATIC_POLICY_SOURCE,
        headers: [{ key: "Content-Security-Policy", value: buildCsp("static", "", process.env.NODE_ENV === "development") }],
      },
      // A set's share link and its landing page send no referrer: the token must not leak to any other site.
      { source: "/s", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/s/:token", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
