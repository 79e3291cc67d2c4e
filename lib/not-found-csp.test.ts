import http from "node:http";
import { describe, expect, it } from "vitest";
import { buildCsp } from "./csp";
import { notFoundPolicy, relaxNotFoundPolicy } from "./not-found-csp.mjs";

describe("the 404 page's policy", () => {
  it("turns a nonce policy (dynamic or lab) into exactly the static policy", () => {
    expect(notFoundPolicy(buildCsp("dynamic", "abc123"))).toBe(buildCsp("static", ""));
    expect(notFoundPolicy(buildCsp("lab", "abc123"))).toBe(buildCsp("static", ""));
  });

  it("leaves the static policy and other values alone", () => {
    expect(notFoundPolicy(buildCsp("static", ""))).toBe(buildCsp("static", ""));
    expect(notFoundPolicy("default-src 'none'")).toBe("default-src 'none'");
  });

  it("rewrites only 404 answers of a real server, whichever way the header was set", async () => {
    const server = http.createServer((req, res) => {
      relaxNotFoundPolicy(res);
      const csp = buildCsp("dynamic", "n0nce");
      if (req.url === "/missing") {
        res.statusCode = 404;
        res.setHeader("Content-Security-Policy", csp);
        res.end("not found");
      } else if (req.url === "/missing-head") {
        res.writeHead(404, { "content-security-policy": csp }).end("not found");
      } else {
        res.setHeader("Content-Security-Policy", csp);
        res.end("ok");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      const get = async (p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).headers.get("content-security-policy");
      expect(await get("/missing")).toBe(buildCsp("static", ""));
      expect(await get("/missing-head")).toBe(buildCsp("static", ""));
      expect(await get("/page")).toBe(buildCsp("dynamic", "n0nce"));
    } finally {
      server.close();
    }
  });
});
