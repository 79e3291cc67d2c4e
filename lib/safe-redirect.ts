/**
 * Where to send the user after signing in (or any other redirect built from input): a same-origin path
 * or the fallback. The one function every redirect target from a request goes through (issue 8, ASVS v4 5.1.5).
 *
 * Refuses anything that is not a site-relative path, and anything with a backslash or a control
 * character (browsers read `\` as `/` and drop tabs and newlines, which turns `/\t/evil` into `//evil`).
 * The path is then normalised the way a browser would, and leading slashes are collapsed: `/.//evil`,
 * `/a/..//evil` and `/%2e%2e//evil` normalise to `//evil`, which a browser reads as another host.
 */
const BASE = "http://layerwise.invalid";

export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length > 2048) return fallback;
  if (!target.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
}
