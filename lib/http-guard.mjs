// Checks scripts/serve.mjs runs on every request before Next sees it (plain JS: the server imports it
// without a TypeScript step). Each refuses a request that Next would otherwise answer with a 500, or
// act on before any app code runs (issue 8; docs/decisions/015). Pure: no I/O.

/** Methods the site answers. TRACE, TRACK, CONNECT and anything else get a 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The most a request to a page (a server action post) may carry; Next's own server-action limit is 1 MB. */
export const PAGE_BODY_LIMIT = 1024 * 1024;
/** The most any API request may announce; server/api/handler.ts enforces its own, smaller limit while reading. */
export const API_BODY_LIMIT = 1024 * 1024;

/**
 * The site's one origin: AUTH_URL, or http://localhost:PORT. Every absolute URL (Auth.js, redirects)
 * is built from it, never from the request's Host (issue 8, item 9).
 * @param {Record<string, string | undefined>} env
 * @returns {URL}
 */
export function siteOrigin(env) {
  const configured = env.AUTH_URL?.trim();
  const url = new URL(configured || `http://localhost:${Number(env.PORT || 3000)}`);
  return new URL(url.origin);
}

// Control characters (NUL included): PostgreSQL refuses NUL, and no route or slug contains any of them.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * @param {string} rawPath the path part of the request target (before `?`)
 * @returns {boolean} whether the path decodes as UTF-8 without control characters, segment by segment
 */
export function isCleanPath(rawPath) {
  if (CONTROL.test(rawPath)) return false;
  try {
    return !CONTROL.test(decodeURIComponent(rawPath));
  } catch {
    return false; // `%ZZ`, a lone `%`, or bytes that are not UTF-8 (`%C0%AF`)
  }
}

/**
 * Query strings are decoded leniently (URLSearchParams), so only NUL is refused there: it would reach
 * PostgreSQL, while a newline in a search or an OAuth error description is harmless.
 * @param {string} rawQuery
 */
function isCleanQuery(rawQuery) {
  return !rawQuery.includes("\u0000") && !/%00/.test(rawQuery);
}

/**
 * @typedef {{ kind: "respond"; status: number; contentType: string; body: string; headers?: Record<string, string> }
 *   | { kind: "not-found-page" }} Refusal
 */

/** @returns {Refusal} */
function refuse(isApi, status, code, message, headers) {
  return isApi
    ? { kind: "respond", status, contentType: "application/json", body: JSON.stringify({ error: { code, message } }), headers }
    : { kind: "respond", status, contentType: "text/plain; charset=utf-8", body: `${message}\n`, headers };
}

/**
 * What to do with a request before Next: null to pass it on, or a refusal.
 * @param {{ method?: string; url?: string; headers: Record<string, string | string[] | undefined> }} req
 * @param {URL} origin the site's origin (siteOrigin)
 * @returns {Refusal | null}
 */
export function guardRequest(req, origin) {
  const method = (req.method ?? "GET").toUpperCase();
  const target = req.url ?? "/";
  const isApi = target === "/api" || target.startsWith("/api/") || target.startsWith("/api?");
  if (!ALLOWED_METHODS.includes(method)) {
    return refuse(isApi, 405, "method_not_allowed", `${method.slice(0, 20)} is not allowed here.`, { Allow: ALLOWED_METHODS.join(", ") });
  }
  if (!target.startsWith("/")) return refuse(isApi, 400, "bad_request", "The request target must be a path.");
  const q = target.indexOf("?");
  const rawPath = q === -1 ? target : target.slice(0, q);
  const rawQuery = q === -1 ? "" : target.slice(q + 1);
  if (!isCleanPath(rawPath) || !isCleanQuery(rawQuery)) {
    return isApi
      ? refuse(true, 400, "bad_path", "The address is not valid (bad percent-encoding or a control character).")
      : { kind: "not-found-page" };
  }
  if (SAFE_METHODS.has(method)) return null;

  const length = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  const limit = isApi ? API_BODY_LIMIT : PAGE_BODY_LIMIT;
  if (length !== undefined && !/^\d{1,15}$/.test(String(length)))
    return refuse(isApi, 400, "bad_request", "Content-Length is not a number.");
  if (Number(length ?? 0) > limit) return refuse(isApi, 413, "too_large", `The body may be at most ${limit / 1024} KiB.`);
  if (isApi) return null; // API routes and Auth.js check their own origin rules and stream their bodies with a cap

  // A write to a page is a server action (or a form posting to one): it must come from this site.
  const originHeader = req.headers.origin;
  if (typeof originHeader !== "string" || originHeader !== origin.origin) {
    return refuse(false, 403, "cross_site", "Cross-site requests cannot change data.");
  }
  // Browsers always announce the length of an action's body; a stream of unknown length is not one of ours.
  if (chunked) return refuse(false, 411, "length_required", "Send Content-Length with the body.");
  return null;
}

/** Deeper than any argument our actions take (a lab run is about 5 levels); React's decoder recurses per level. */
export const MAX_ACTION_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing (so a hostile
 * 100,000-level body costs one linear scan, not a recursion).
 * @param {string} text
 */
export function jsonDepth(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * React's reply encoding gives strings starting with `$` a meaning: most are references to other parts
 * (`$1`, `$Q1`, `$B1`, `$@1`, `$F1`…), and a reference to a part that is not there throws inside Next's
 * decoder (a 500). Our actions take plain values and, for the sign-in forms, a FormData (`$K<id>`), so
 * only those encodings and the scalar ones are accepted; a user's own text starting with `$` is sent as `$$…`.
 */
const PLAIN_ENCODING = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$|K\d+$)/;

/** @param {unknown} value @returns {boolean} */
function onlyPlainValues(value) {
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_ENCODING.test(value);
  if (Array.isArray(value)) return value.every(onlyPlainValues);
  if (value && typeof value === "object") return Object.values(value).every(onlyPlainValues);
  return true;
}

/** @param {string} text @returns {string | null} */
function checkArgumentList(text) {
  if (jsonDepth(text) > MAX_ACTION_DEPTH) return "The request is nested too deeply.";
  let args;
  try {
    args = JSON.parse(text);
  } catch {
    return "The request is not valid JSON.";
  }
  if (!Array.isArray(args)) return "The request is not an argument list.";
  return onlyPlainValues(args) ? null : "The request refers to parts it does not contain.";
}

/**
 * The parts of a multipart/form-data body, or why it is malformed. Strict, as browsers and React send it:
 * opening delimiter first, every part with headers naming a field, the closing delimiter last. Next parses
 * a page post's form with busboy, and a truncated or garbled body there is a 500.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {{ name: string; value: string }[] | string}
 */
export function multipartParts(contentType, body) {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return "The multipart body has no boundary.";
  const text = body.toString("utf8");
  const delimiter = `--${boundary}`;
  if (text === `${delimiter}--\r\n` || text === `${delimiter}--`) return []; // an empty form
  const close = text.lastIndexOf(`\r\n${delimiter}--`);
  if (!text.startsWith(`${delimiter}\r\n`) || close === -1 || text.slice(close + delimiter.length + 4).replace(/^\r\n/, "") !== "") {
    return "The multipart body is malformed.";
  }
  const parts = [];
  for (const part of text.slice(delimiter.length + 2, close).split(`\r\n${delimiter}\r\n`)) {
    const split = part.indexOf("\r\n\r\n");
    const name = split === -1 ? null : /content-disposition:\s*form-data;\s*name="([^"]*)"/i.exec(part.slice(0, split));
    if (!name) return "The multipart body is malformed.";
    parts.push({ name: name[1], value: part.slice(split + 4) });
  }
  return parts;
}

/**
 * A post to a page without a `Next-Action` header (a form posted without JavaScript, or anything else):
 * Next reads a multipart body as a form, so it must be well-formed.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {string | null} why the body is refused, or null
 */
export function checkFormBody(contentType, body) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return null;
  const parts = multipartParts(contentType, body);
  return typeof parts === "string" ? parts : null;
}

/**
 * A server action post (a `Next-Action` header) must carry what React's client sends: a JSON argument
 * list as text, or multipart form data whose root field `0` is one. Anything else makes Next's decoder
 * throw (a 500) or wait for parts that never come, so it is refused with a 400 before Next reads it.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {string | null} why the body is refused, or null
 */
export function checkActionBody(contentType, body) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/plain") return checkArgumentList(body.toString("utf8"));
  if (type !== "multipart/form-data") return "Server actions take text/plain or multipart/form-data.";
  const parts = multipartParts(contentType, body);
  if (typeof parts === "string") return parts;
  const root = parts.find((p) => p.name === "0");
  return root ? checkArgumentList(root.value) : "The multipart body has no argument list.";
}
