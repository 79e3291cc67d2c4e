/**
 * Where to send the user after signing in: a same-origin path or the fallback. Refuses absolute
 * URLs, protocol-relative `//host`, backslash tricks `/\host` and anything with a scheme.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const u = new URL(target, "http://layerwise.invalid");
    if (u.origin !== "http://layerwise.invalid") return fallback;
    return u.pathname + u.search + u.hash;
  } catch {
    return fallback;
  }
}
