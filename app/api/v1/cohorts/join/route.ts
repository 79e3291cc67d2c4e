import { apiError, apiRoute } from "@/server/api/handler";
import { joinCohortByCode, TooManyCodeAttempts } from "@/server/data/cohort-invites";
import { JoinCodeSchema } from "@/lib/schemas/cohorts";

// POST /api/v1/cohorts/join — join a cohort as a student with an invite's short code. Unknown codes are
// rate-limited per address and per account (429 with Retry-After).
export const POST = apiRoute({ body: JoinCodeSchema, auth: true }, async ({ req, actor, body }) => {
  // scripts/serve.mjs overwrites X-Forwarded-For with the socket's address (unless TRUST_PROXY=1): not spoofable.
  const client = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  try {
    const joined = await joinCohortByCode(actor, body.code, client);
    return Response.json(joined, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    if (!(e instanceof TooManyCodeAttempts)) throw e;
    const res = apiError(429, "rate_limited", e.message);
    res.headers.set("Retry-After", String(e.retryAfterS));
    return res;
  }
});
