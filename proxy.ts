// Next.js proxy (formerly middleware): stamps a fresh CSP nonce on every page request.
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

export const config = {
  matcher: [
    // Pages only: not API routes, static files, images or the favicon.
    { source: "/((?!api|_next/static|_next/image|favicon.ico|lab/tfjs|lab/data|lab/models).*)" },
  ],
};
