import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_ACTION_DEPTH, checkActionBody, checkFormBody, guardRequest, isCleanPath, jsonDepth, siteOrigin } from "./http-guard.mjs";

const origin = new URL("http://localhost:3000");
const req = (method: string, url: string, headers: Record<string, string> = {}) => guardRequest({ method, url, headers }, origin);

describe("siteOrigin", () => {
  it("is AUTH_URL's origin, or localhost on PORT; never anything from a request", () => {
    expect(siteOrigin({ AUTH_URL: "https://example.org/base/" }).href).toBe("https://example.org/");
    expect(siteOrigin({ PORT: "4101" }).href).toBe("http://localhost:4101/");
    expect(siteOrigin({}).href).toBe("http://localhost:3000/");
  });
});

describe("guardRequest", () => {
  it("passes ordinary requests", () => {
    expect(req("GET", "/questions?q=layer%20freezing")).toBeNull();
    expect(req("POST", "/questions/x/quiz", { origin: "http://localhost:3000", "content-length": "10" })).toBeNull();
    expect(req("POST", "/api/v1/attempts", { "content-length": "10" })).toBeNull(); // the API checks its own origins
  });
  it("refuses TRACE and unknown methods with 405, JSON on the API", () => {
    expect(req("TRACE", "/")).toMatchObject({ status: 405, contentType: expect.stringContaining("text/plain") });
    expect(req("PROPFIND", "/api/v1/questions")).toMatchObject({ status: 405, contentType: "application/json" });
  });
  it.each(["/questions/%ZZ", "/questions/%C0%AF/quiz", "/a%00b", "/%", "/x%0A", "/q?x=%00"])("refuses the path %s", (url) => {
    expect(req("GET", url)).toEqual({ kind: "not-found-page" });
    expect(req("GET", `/api/v1${url}`)).toMatchObject({ status: 400, contentType: "application/json" });
  });
  it.each([["http://evil.example"], ["null"], ["::::"], ["http://localhost:3000.evil.example"], [undefined]])(
    "refuses a page write with Origin %s",
    (o) => {
      expect(req("POST", "/", { "content-length": "2", ...(o === undefined ? {} : { origin: o }) })).toMatchObject({ status: 403 });
    },
  );
  it("refuses oversized and length-less page writes", () => {
    expect(req("POST", "/", { origin: "http://localhost:3000", "content-length": String(2 * 1024 * 1024) })).toMatchObject({ status: 413 });
    expect(req("POST", "/api/v1/attempts", { "content-length": String(2 * 1024 * 1024) })).toMatchObject({ status: 413 });
    expect(req("POST", "/", { origin: "http://localhost:3000", "transfer-encoding": "chunked" })).toMatchObject({ status: 411 });
    expect(req("POST", "/", { origin: "http://localhost:3000", "content-length": "12abc" })).toMatchObject({ status: 400 });
  });
  it("never throws, and anything it passes has a clean path (property)", () => {
    const method = fc.constantFrom("GET", "POST", "PUT", "TRACE", "get", "BREW", "OPTIONS", "");
    fc.assert(
      fc.property(
        method,
        fc.string({ unit: "binary" }),
        fc.dictionary(fc.constantFrom("origin", "content-length", "transfer-encoding"), fc.string()),
        (m, url, headers) => {
          const out = req(m, `/${url}`, headers);
          if (out === null) expect(isCleanPath(`/${url}`.split("?")[0]!)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("checkActionBody", () => {
  const text = (s: string) => checkActionBody("text/plain;charset=UTF-8", Buffer.from(s));
  it("accepts what React's client sends for our actions", () => {
    for (const ok of [
      "[]",
      '[{"slug":"layer-freezing"}]',
      '[null,"$K1"]',
      '["$$literal dollar"]',
      '["$undefined","$D2026-01-01T00:00:00.000Z","$n12"]',
    ])
      expect(text(ok)).toBeNull();
  });
  it("refuses non-JSON, non-lists, deep nesting and references to parts that are not there", () => {
    for (const bad of [
      "not json{",
      '{"a":1}',
      '"x"',
      "[".repeat(MAX_ACTION_DEPTH + 1) + "]".repeat(MAX_ACTION_DEPTH + 1),
      '["$1"]',
      '[{"a":"$Q1"}]',
      '["$@1"]',
      '["$nope"]',
    ]) {
      expect(text(bad), bad.slice(0, 40)).toBeTypeOf("string");
    }
  });
  const b = "xyz";
  it("reads multipart's root field and refuses one without it", () => {
    const body = (parts: [string, string][]) =>
      Buffer.from(parts.map(([n, v]) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("") + `--${b}--\r\n`);
    expect(
      checkActionBody(
        `multipart/form-data; boundary=${b}`,
        body([
          ["1_email", "a@b.c"],
          ["0", '[null,"$K1"]'],
        ]),
      ),
    ).toBeNull();
    expect(checkActionBody(`multipart/form-data; boundary=${b}`, body([["x", "1"]]))).toMatch(/no argument list/);
    expect(checkActionBody(`multipart/form-data; boundary=${b}`, body([["0", "{{"]]))).toMatch(/not valid JSON/);
    expect(checkActionBody("multipart/form-data", body([["0", "[]"]]))).toMatch(/boundary/);
    expect(checkActionBody("application/json", Buffer.from("[]"))).toMatch(/text\/plain/);
  });
  it("refuses a truncated or garbled multipart body, action or plain form post (Next's form parser throws on it)", () => {
    const type = `multipart/form-data; boundary=${b}`;
    const good = `--${b}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--${b}--\r\n`;
    expect(checkFormBody(type, Buffer.from(good))).toBeNull();
    expect(checkFormBody(type, Buffer.from(`--${b}--\r\n`))).toBeNull();
    for (const bad of [
      "junk=1",
      good.slice(0, -9),
      good.replace("\r\n\r\n", "\r\n"),
      `preamble\r\n${good}`,
      good.replace('name="0"', "x"),
    ]) {
      expect(checkFormBody(type, Buffer.from(bad)), JSON.stringify(bad)).toMatch(/malformed/);
      expect(checkActionBody(type, Buffer.from(bad))).toBeTypeOf("string");
    }
    expect(checkFormBody("application/x-www-form-urlencoded", Buffer.from("a=%ZZ"))).toBeNull();
  });
  it("measures depth in one pass, ignoring brackets inside strings", () => {
    expect(jsonDepth('[{"a":"[[[[{{{"}]')).toBe(2);
    expect(jsonDepth('["\\"[[["]')).toBe(1);
    expect(jsonDepth("[".repeat(100_000))).toBe(100_000);
  });
});
