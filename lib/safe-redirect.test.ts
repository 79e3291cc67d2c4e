import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/questions/layer-freezing", "/questions/layer-freezing"],
    ["/dashboard?tab=1#x", "/dashboard?tab=1#x"],
  ])("keeps same-origin path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
  it.each(["https://evil.test", "//evil.test", "/\\evil.test", "javascript:alert(1)", "", "evil.test", "/%0a//evil", null, 42])(
    "refuses %s",
    (input) => {
      const out = safeRedirectPath(input);
      expect(out.startsWith("/")).toBe(true);
      expect(out.startsWith("//")).toBe(false);
      expect(new URL(out, "http://site.test").origin).toBe("http://site.test");
    },
  );
});
