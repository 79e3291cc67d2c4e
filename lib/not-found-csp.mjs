// A 404 page answered under a nonce policy gets the static policy instead (docs/decisions/043). The site's 404
// page is prebuilt — a per-request 404 made every page of the app dynamic, because Next renders the not-found
// page into every route's tree — so its scripts carry no nonce; where proxy.ts gave the path a nonce policy
// (an unknown path under /settings/, /dashboard/, …), that policy would block them. The 404 page shows nothing
// a visitor sent, like every other prebuilt page, so the static policy is the right one for it.
// Plain JS so scripts/serve.mjs can import it without a build step; lib/not-found-csp.test.ts checks the
// result equals lib/csp.ts's static policy.

const STATIC_SCRIPT_SRC = "script-src 'self' 'unsafe-inline'";

/** The static policy for a nonce policy (`script-src` with a nonce), else the policy unchanged. */
export function notFoundPolicy(policy) {
  if (typeof policy !== "string" || !/script-src[^;]*'nonce-/.test(policy)) return policy;
  return policy.replace(/script-src [^;]*/, STATIC_SCRIPT_SRC).replace(/worker-src 'self' blob:/, "worker-src 'self'");
}

/** Wraps `res` so that a 404 HTML answer sent with a nonce policy goes out with the static policy. */
export function relaxNotFoundPolicy(res) {
  const { writeHead } = res;
  res.writeHead = function (status, ...rest) {
    if ((typeof status === "number" ? status : res.statusCode) === 404) {
      const current = res.getHeader("content-security-policy");
      if (current !== undefined) res.setHeader("Content-Security-Policy", notFoundPolicy(String(current)));
      const headers = rest.find((r) => r && typeof r === "object");
      if (headers && !Array.isArray(headers)) {
        for (const key of Object.keys(headers))
          if (key.toLowerCase() === "content-security-policy") headers[key] = notFoundPolicy(String(headers[key]));
      }
    }
    return writeHead.call(res, status, ...rest);
  };
}
