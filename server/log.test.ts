import { describe, expect, it } from "vitest";
import { redactFields } from "@/server/log";

describe("redactFields", () => {
  it("drops fields named like secrets and credential-shaped values, keeps ids and ordinary text", () => {
    const share = "CYlEMvcaaO2CDlNBtxGfyrwr7h2E-K7MRWluZNWj7b8";
    const out = redactFields({
      password: "hunter2",
      sessionToken: "abc",
      cookie: "x=y",
      tokenId: "cmx7iiyei00bolx7dn8lq1ylw",
      message: `failed for lw_abcdefghijklmnop and /s/${share} with Bearer xyz`,
      userId: "u1",
      count: 3,
    });
    expect(out).toEqual({
      password: "[redacted]",
      sessionToken: "[redacted]",
      cookie: "[redacted]",
      tokenId: "cmx7iiyei00bolx7dn8lq1ylw",
      message: "failed for [redacted] and /s/[redacted] with [redacted]",
      userId: "u1",
      count: 3,
    });
  });
});
