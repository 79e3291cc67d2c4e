import type { NextConfig } from "next";

// Headers that do not vary per request. The Content-Security-Policy is set per request in proxy.ts (nonces).
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
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // A set's share link and its landing page send no referrer: the token must not leak to any other site.
      { source: "/s", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/s/:token", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
