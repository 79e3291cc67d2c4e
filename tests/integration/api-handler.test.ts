import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiRoute } from "@/server/api/handler";

// The API wrapper's body reading (server/api/handler.ts): the size limit is told apart from every body text.
describe("apiRoute body", () => {
  const route = apiRoute({ body: z.object({ n: z.number() }), auth: false }, async ({ body }) => Response.json(body));
  const post = (body: string) =>
    route(new Request("http://localhost:3000/api/v1/x", { method: "POST", headers: { "content-type": "application/json" }, body }), {
      params: Promise.resolve({}),
    });

  it("a body that spells the old too-large sentinel is invalid JSON (400), not a 413", async () => {
    const res = await post("too-large");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  it("a valid body reaches the handler; one over 256 KiB is a 413", async () => {
    expect(await (await post('{"n":1}')).json()).toEqual({ n: 1 });
    expect((await post(JSON.stringify({ n: 1, pad: "x".repeat(300 * 1024) }))).status).toBe(413);
  });
});
