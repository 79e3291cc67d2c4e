// Next.js proxy (formerly middleware): stamps a fresh CSP nonce on every request for a page rendered per request.
// It does no access control: authorisation lives in the data layer (server/data), see docs/ARCHITECTURE.md.
import { NextResponse, type NextRequest } from "next/server";
import { buildCsp, cspKindFor } from "@/lib/csp";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = buildCsp(cspKindFor(request.nextUrl.pathname), nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce from the request's CSP header and adds it to its own scripts.
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Only the pages that need a nonce run the proxy (a per-request proxy on every prebuilt page halved their
// throughput, issue 14); every other response gets the static policy from next.config.ts. This list must name
// exactly the paths lib/csp.ts calls dynamic or lab (Next needs the matcher as a literal); proxy.test.ts checks it.
export const config = {
  matcher: [
    "/questions",
    "/questions/:slug/:rest+",
    "/signin",
    "/signup",
    "/dashboard/:path*",
    "/review/:path*",
    "/settings/:path*",
    "/forgot-password",
    "/reset-password/:path*",
    "/sets/:path*",
    "/s/:path*",
    "/cohorts/:path*",
    "/lab",
  ],
};
