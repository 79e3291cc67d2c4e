import fs from "node:fs";
import path from "node:path";

/**
 * Every entry point of the app, read from the filesystem: route handlers (app/**\/route.ts, with the HTTP
 * methods they export), pages (app/**\/page.tsx) and server actions (the exported functions of
 * server/actions/*.ts, a "use server" module). The security matrix must have a row for each one, so a
 * new route cannot be added without deciding who may call it.
 */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(rel, name));
    else if (e.name === name) out.push(rel);
  }
  return out.sort();
}

/** "app/api/v1/sets/[id]/route.ts" → "/api/v1/sets/[id]". */
export function urlPattern(file: string): string {
  const dir = path.posix.dirname(file).replace(/^app/, "");
  return dir === "" ? "/" : dir;
}

/** `METHOD /pattern` for every exported handler of every route.ts. */
export function routeHandlers(): string[] {
  const out: string[] = [];
  for (const file of walk("app", "route.ts")) {
    const src = fs.readFileSync(path.join(ROOT, file), "utf8");
    const found = METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(src));
    // `export { GET, POST } from "…"` (Auth.js) or `export const { GET, POST } = handlers`
    const destructured = /export\s+(?:const\s+)?\{([^}]*)\}/.exec(src)?.[1] ?? "";
    for (const m of METHODS) if (new RegExp(`\\b${m}\\b`).test(destructured) && !found.includes(m)) found.push(m);
    if (found.length === 0) throw new Error(`${file} exports no HTTP method`);
    for (const m of found) out.push(`${m} ${urlPattern(file)}`);
  }
  return out;
}

/** "/questions/[slug]" for every page.tsx. */
export function pages(): string[] {
  return walk("app", "page.tsx").map(urlPattern);
}

/** "sets.createSetAction" for every exported value of every server-action module. */
export function serverActions(): string[] {
  const dir = path.join(ROOT, "server", "actions");
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".ts") || f.endsWith(".test.ts")) continue;
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    if (!/^["']use server["']/m.test(src)) continue;
    for (const m of src.matchAll(/^export\s+(?:const|async\s+function|function)\s+(\w+)/gm)) out.push(`${f.replace(/\.ts$/, "")}.${m[1]}`);
  }
  return out;
}
