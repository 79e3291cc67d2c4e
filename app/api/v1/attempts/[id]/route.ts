import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { getAttemptResult, getAttemptView } from "@/server/data/attempt-views";

// GET /api/v1/attempts/{id} — the attempt in progress (no key), or its graded review once submitted.
export const GET = apiRoute<null, { id: string }>({ body: null, auth: true }, async ({ viewer, params }) => {
  const actor = actorForViewer(viewer!);
  const view = await getAttemptView(actor, params.id);
  const body = view.status === "submitted" ? { result: await getAttemptResult(actor, params.id) } : { attempt: view };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
});
