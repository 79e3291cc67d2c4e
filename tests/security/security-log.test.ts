import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../integration/support/databases";
import { hitRateLimit } from "@/server/rate-limit";
import { call, makeWorld } from "./api-support";

/**
 * Security events as JSON lines, without a secret in them: denials, links created and revoked, API tokens
 * created and revoked, rate limits crossed — captured from the process's real stdout while the routes run.
 * Sign-in success and failure (server actions) are checked over HTTP in http.spec.ts.
 */
let lines: string[] = [];
const write = process.stdout.write.bind(process.stdout);
beforeEach(() => {
  lines = [];
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  };
});
afterEach(() => {
  process.stdout.write = write;
});

function events(): Record<string, unknown>[] {
  return lines
    .flatMap((l) => l.split("\n"))
    .filter((l) => l.startsWith('{"ts"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describeEachDatabase("security events", () => {
  it("denials, links, tokens and rate limits are logged as JSON lines that name no secret", async () => {
    const w = await makeWorld(); // creates API tokens (one revoked)
    const secrets = Object.values(w.tokens).filter((t): t is string => !!t);
    const denied = await call("GET /api/v1/sets/[id]", w.tokens.otherManager, { params: { id: w.setId } });
    expect(denied.status).toBe(404);
    const share = await call("POST /api/v1/sets/[id]/share-link", w.tokens.setOwner, { params: { id: w.setId } });
    const url = ((await share.json()) as { url: string }).url;
    secrets.push(url.split("/s/")[1]!);
    expect((await call("DELETE /api/v1/sets/[id]/share-link", w.tokens.setOwner, { params: { id: w.setId } })).status).toBe(200);
    const key = `security-test:${Date.now()}`;
    for (let i = 0; i < 4; i++) await hitRateLimit(key, 2, 60_000);

    const ev = events();
    const names = ev.map((e) => e.event);
    for (const name of ["token.created", "token.revoked", "authz.denied", "link.created", "link.revoked", "ratelimit.exceeded"])
      expect(names, name).toContain(name);
    expect(ev.find((e) => e.event === "authz.denied")).toMatchObject({
      scope: `set:${w.setId}`,
      action: "set.results.read",
      outcome: "denied",
    });
    expect(ev.filter((e) => e.event === "ratelimit.exceeded" && e.limit === "security-test")).toHaveLength(1); // once per window, not per hit
    for (const e of ev) expect(typeof e.ts === "string" && !Number.isNaN(Date.parse(e.ts))).toBe(true);
    const all = lines.join("");
    for (const s of secrets) expect(all, "a secret in the log").not.toContain(s);
    expect(all).not.toMatch(/lw_[A-Za-z0-9_-]{8,}/);
  });
});
