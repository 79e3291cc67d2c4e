// While the database is down (server/availability.ts keeps the flag on globalThis: Next runs in this
// process), a page that fails with a 5xx is answered with a 503 "temporarily unavailable" page instead:
// a page cannot set its own status, and Next's generic error page would say nothing of the outage.
// API routes answer their own 503 JSON (server/api/handler.ts); this catches whatever else fails.
const RETRY_AFTER_S = "5";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Temporarily unavailable · Layerwise</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#111;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#111}}</style></head><body><main><h1>Layerwise is temporarily unavailable</h1>
<p>We cannot reach our database right now. You are still signed in, and nothing you saved is lost.</p>
<p>Try again in a few seconds: <a href="">reload this page</a>.</p></main></body></html>`;

const databaseDown = () => globalThis.layerwiseDatabaseDownSince !== undefined;

/** Wraps `res` so that a 5xx written while the database is down becomes the 503 answer. */
export function answerOutages(req, res) {
  const { write, end, writeHead } = res;
  let replaced = false;
  const replace = () => {
    if (replaced) return true;
    // A route that already answers 503 (the API, /api/health) says so itself, with its own body.
    if (res.headersSent || res.statusCode < 500 || res.statusCode === 503 || !databaseDown()) return false;
    replaced = true;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const api = (req.url ?? "").startsWith("/api/");
    const body = api
      ? JSON.stringify({
          error: { code: "unavailable", message: "The service is temporarily unavailable; nothing was changed. Retry shortly." },
        })
      : PAGE;
    writeHead.call(res, 503, {
      "Content-Type": api ? "application/json" : "text/html; charset=utf-8",
      "Retry-After": RETRY_AFTER_S,
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
    });
    end.call(res, body);
    return true;
  };
  res.writeHead = function (status, ...rest) {
    if (typeof status === "number") res.statusCode = status;
    return replace() ? res : writeHead.call(res, status, ...rest);
  };
  res.write = function (...args) {
    return replace() ? true : write.apply(res, args);
  };
  res.end = function (...args) {
    return replace() ? res : end.apply(res, args);
  };
}
