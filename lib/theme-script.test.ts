import crypto from "node:crypto";
import { expect, it } from "vitest";
import { THEME_SCRIPT, THEME_SCRIPT_SHA256 } from "./theme-script";
import { buildCsp } from "./csp";

it("the CSP hash matches the inline theme script, so nonce-protected pages may run it", () => {
  const digest = crypto.createHash("sha256").update(THEME_SCRIPT).digest("base64");
  expect(THEME_SCRIPT_SHA256).toBe(`sha256-${digest}`);
  expect(buildCsp("dynamic", "abc")).toContain(`'sha256-${digest}'`);
});

it("no policy allows eval outside development, and only the lab may compile wasm", () => {
  for (const kind of ["dynamic", "static", "lab"] as const) {
    const csp = buildCsp(kind, "n");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  }
  expect(buildCsp("lab", "n")).toContain("'wasm-unsafe-eval'");
  expect(buildCsp("dynamic", "n")).not.toContain("wasm-unsafe-eval");
  const scriptSrc = buildCsp("dynamic", "n")
    .split("; ")
    .find((d) => d.startsWith("script-src"));
  expect(scriptSrc).not.toContain("'unsafe-inline'");
});

it("uses the nonce policy only on pages rendered per request", async () => {
  const { cspKindFor } = await import("./csp");
  expect(cspKindFor("/")).toBe("static");
  expect(cspKindFor("/questions/layer-freezing")).toBe("static");
  expect(cspKindFor("/no-such-page")).toBe("static");
  expect(cspKindFor("/questions")).toBe("dynamic");
  expect(cspKindFor("/questions/layer-freezing/quiz")).toBe("dynamic");
  expect(cspKindFor("/signin")).toBe("dynamic");
  expect(cspKindFor("/dashboard")).toBe("dynamic");
  expect(cspKindFor("/lab")).toBe("lab");
});
