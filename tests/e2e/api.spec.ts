import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { leaksIn, quizOf } from "./quiz-bank";

// The JSON API (/api/v1) with personal tokens made in the UI: start, save with a version, idempotent
// submit under 50 concurrent requests, access control, errors as JSON, cross-site cookie writes refused.

const SLUG = "layer-freezing";

/** Creates a token on /settings/tokens and reads it from the page (it is shown once). */
async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const field = page.getByLabel("New token");
  await expect(field).toHaveValue(/^lw_/);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  return field.inputValue();
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function json(api: APIRequestContext, method: "post" | "put" | "get", url: string, token: string, data?: unknown) {
  const res = await api[method](url, { headers: bearer(token), ...(data === undefined ? {} : { data }) });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown>, text: await res.text() };
}

test("API with a personal token: start, save, stale version, 50 concurrent submits, access control, errors", async ({
  page,
  browser,
  playwright,
  signIn,
}) => {
  test.setTimeout(90_000);
  await signIn();
  const token = await createToken(page, "e2e script");
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });

  // Start: 201 with the public view only.
  const started = await json(api, "post", "/api/v1/attempts", token, { slug: SLUG });
  expect(started.status).toBe(201);
  const attempt = started.body.attempt as {
    id: string;
    answersVersion: number;
    items: { id: string; type: string; options?: { id: string }[] }[];
  };
  expect(attempt.items.length).toBe(quizOf(SLUG).items.length);
  expect(leaksIn([quizOf(SLUG)], [{ url: "POST /api/v1/attempts", body: started.text }])).toEqual([]);
  expect(started.text).not.toMatch(/"(correct|rationale|tolerance|modelAnswer|rubric)"/);

  // Save with the version; the same version again is stale → 409 with a JSON message.
  const single = attempt.items.find((i) => i.type === "single")!;
  const answer = { [single.id]: { type: "single", optionId: single.options![0]!.id } };
  const saved = await json(api, "put", `/api/v1/attempts/${attempt.id}/answers`, token, {
    version: attempt.answersVersion,
    answers: answer,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.version).toBe(attempt.answersVersion + 1);
  expect(leaksIn([quizOf(SLUG)], [{ url: "PUT answers", body: saved.text }])).toEqual([]);
  const stale = await json(api, "put", `/api/v1/attempts/${attempt.id}/answers`, token, {
    version: attempt.answersVersion,
    answers: answer,
  });
  expect(stale.status).toBe(409);
  expect((stale.body.error as { code: string }).code).toBe("conflict");

  // Malformed JSON → 400 with a JSON error body.
  const bad = await api.put(`/api/v1/attempts/${attempt.id}/answers`, {
    headers: { ...bearer(token), "Content-Type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");

  // A second user's token sees nothing of the first user's attempt.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage);
  const otherToken = await createToken(otherPage, "someone else");
  expect((await json(api, "get", `/api/v1/attempts/${attempt.id}`, otherToken)).status).toBe(404);
  expect((await json(api, "post", `/api/v1/attempts/${attempt.id}/submit`, otherToken, { version: 1 })).status).toBe(404);
  await other.close();

  // A stale submit (the version before the save) is refused like a stale save, and grades nothing.
  const staleSubmit = await json(api, "post", `/api/v1/attempts/${attempt.id}/submit`, token, {
    version: attempt.answersVersion,
    answers: {},
  });
  expect(staleSubmit.status).toBe(409);
  expect((staleSubmit.body.error as { code: string }).code).toBe("conflict");
  expect((await json(api, "post", `/api/v1/attempts/${attempt.id}/submit`, token, {})).status).toBe(400); // the version is required

  // Fifty concurrent identical submits: all 200 with the same score, one submitted attempt.
  const version = attempt.answersVersion + 1;
  const results = await Promise.all(
    Array.from({ length: 50 }, () => json(api, "post", `/api/v1/attempts/${attempt.id}/submit`, token, { version, score: 999 })),
  );
  expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
  const scores = new Set(results.map((r) => (r.body.result as { score: number }).score));
  expect(scores.size).toBe(1);
  expect([...scores][0]).toBeLessThanOrEqual(1); // one answered item: the client's "score" was ignored
  await page.goto(`/questions/${SLUG}/quiz`);
  await expect(page.getByRole("region", { name: "Your past attempts" }).getByRole("listitem")).toHaveCount(1);
  // The submitted attempt is immutable: a later save is a conflict.
  expect((await json(api, "put", `/api/v1/attempts/${attempt.id}/answers`, token, { version: 1, answers: {} })).status).toBe(409);

  // A cookie-authenticated write from another site is refused.
  const evil = await page.request.post("/api/v1/attempts", { headers: { Origin: "http://evil.test" }, data: { slug: SLUG } });
  expect(evil.status()).toBe(403);
  expect(((await evil.json()) as { error: { code: string } }).error.code).toBe("cross_site");

  // Revoking the token ends its use at once.
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Revoke e2e script" }).click();
  await expect(page.getByText(/revoked \d{4}-\d{2}-\d{2}/)).toBeVisible();
  expect((await json(api, "get", `/api/v1/attempts/${attempt.id}`, token)).status).toBe(401);
  await api.dispose();
});
