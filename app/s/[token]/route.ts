import { NextResponse } from "next/server";
import { hitRateLimit } from "@/server/rate-limit";
import { clientIp } from "@/server/request";
import { resolveCapability } from "@/server/permissions/capabilities";
import { SHARE_COOKIE, shareCookieOptions } from "@/server/share-link";

/** Per client address: guessing tokens is pointless at 128+ bits, but a flood of lookups is refused early. */
export const SHARE_LOOKUPS_PER_MINUTE = 30;

const HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" };

function page(status: number, title: string, text: string, extra: Record<string, string> = {}) {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
    `<title>${title}</title></head>` +
    `<body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Layerwise home</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...HEADERS, ...extra, "Content-Type": "text/html; charset=utf-8" } });
}

// GET /s/<token> — exchange a share link's token for a cookie and redirect to /s, so the token leaves the URL.
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const limit = await hitRateLimit(`share-lookup:${await clientIp()}`, SHARE_LOOKUPS_PER_MINUTE, 60_000);
  if (!limit.allowed) {
    return page(429, "Too many attempts", "Too many link lookups from this address. Wait a minute and open the link again.", {
      "Retry-After": String(limit.retryAfterS),
    });
  }
  const capability = await resolveCapability(token);
  if (!capability || capability.scope.type !== "set") {
    return page(404, "This link does not work", "The link is wrong, or the person who shared it has revoked it. Ask them for a new one.");
  }
  const res = NextResponse.redirect(new URL("/s", _req.url), { status: 303, headers: HEADERS });
  res.cookies.set(SHARE_COOKIE, token, shareCookieOptions());
  return res;
}
