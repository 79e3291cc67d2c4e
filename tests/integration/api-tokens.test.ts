import { expect, it } from "vitest";
import { MAX_ACTIVE_TOKENS, createApiToken, listApiTokens, revokeApiToken, userForApiToken } from "@/server/data/api-tokens";
import { GET as listQuestions } from "@/app/api/v1/questions/route";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { describeEachDatabase } from "./support/databases";
import { createUser } from "./support/users";

// Personal API tokens (issue 8, item 8): a credential that is sent must be valid wherever it is sent,
// and a user holds at most MAX_ACTIVE_TOKENS active tokens, also under concurrent creates.
describeEachDatabase("api tokens", ({ db }) => {
  const user = () => createUser();
  type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
  const call = (handler: Handler, url: string, auth: string | null, params: Record<string, string> = {}) =>
    handler(new Request(`http://localhost:3000${url}`, { headers: auth === null ? {} : { Authorization: auth } }), {
      params: Promise.resolve(params as never),
    });

  it("a valid token authenticates; an unknown, revoked or malformed one is a 401 on every route, public ones included", async () => {
    const u = await user();
    const { token, info } = await createApiToken(u, "script");
    expect((await userForApiToken(token))?.id).toBe(u.id);
    expect((await call(listQuestions as Handler, "/api/v1/questions", `Bearer ${token}`)).status).toBe(200);
    expect((await call(listQuestions as Handler, "/api/v1/questions", null)).status).toBe(200); // public without a credential

    await revokeApiToken(u, info.id);
    const bogus = [
      "Bearer lw_bogus",
      `Bearer ${token}`,
      `Bearer lw_${"A".repeat(43)}`,
      "Bearer ",
      "Bearer lw_a b",
      "Basic dXNlcjpwdw==",
      "lw_bogus",
      "",
      `Bearer ${"x".repeat(300)}`,
    ];
    for (const header of bogus) {
      const routes: [Handler, string, Record<string, string>][] = [
        [listQuestions, "/api/v1/questions", {}],
        [getAttempt, "/api/v1/attempts/x", { id: "x" }],
      ];
      for (const [handler, url, params] of routes) {
        const res = await call(handler, url, header, params);
        expect(res.status, `${header} on ${url}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
      }
    }
  });

  it(`caps active tokens at ${MAX_ACTIVE_TOKENS}, also when creates race; revoking one frees a place`, async () => {
    const u = await user();
    const results = await Promise.allSettled(Array.from({ length: MAX_ACTIVE_TOKENS + 8 }, (_, i) => createApiToken(u, `t${i}`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_ACTIVE_TOKENS);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
    expect(await db().prisma.apiToken.count({ where: { userId: u.id, revokedAt: null } })).toBe(MAX_ACTIVE_TOKENS);
    await expect(createApiToken(u, "one more")).rejects.toMatchObject({ code: "conflict" });

    const [first] = await listApiTokens(u);
    await revokeApiToken(u, first!.id);
    await expect(createApiToken(u, "replacement")).resolves.toMatchObject({ info: { name: "replacement" } });
    // Another user's count is their own.
    await expect(createApiToken(await user(), "fresh")).resolves.toBeTruthy();
  });
});
