import { apiRoute, IdParams } from "@/server/api/handler";
import { getAttemptResult, getAttemptView } from "@/server/data/attempt-views";

// GET /api/v1/attempts/{id} — the attempt in progress (no key), or its graded review once submitted.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) => {
  const view = await getAttemptView(actor, params.id);
  const body = view.status === "submitted" ? { result: await getAttemptResult(actor, params.id) } : { attempt: view };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
});
