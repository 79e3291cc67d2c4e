import { apiRoute, IdParams } from "@/server/api/handler";
import { submitAttempt } from "@/server/data/attempts";
import { SubmitAttemptSchema } from "@/lib/schemas/attempt";

// POST /api/v1/attempts/{id}/submit — grade and close the attempt. Idempotent: a repeat returns the same result.
export const POST = apiRoute({ body: SubmitAttemptSchema, params: IdParams, auth: true }, async ({ actor, body, params }) =>
  Response.json({ result: await submitAttempt(actor, params.id, body) }, { headers: { "Cache-Control": "no-store" } }),
);
