import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { submitAttempt } from "@/server/data/attempts";
import { SubmitAttemptSchema } from "@/lib/schemas/attempt";

// POST /api/v1/attempts/{id}/submit — grade and close the attempt. Idempotent: a repeat returns the same result.
export const POST = apiRoute<typeof SubmitAttemptSchema, { id: string }>({ body: SubmitAttemptSchema, auth: true }, async ({ viewer, body, params }) =>
  Response.json({ result: await submitAttempt(actorForViewer(viewer!), params.id, body) }, { headers: { "Cache-Control": "no-store" } }),
);
