import { apiRoute, IdParams } from "@/server/api/handler";
import { saveAnswers } from "@/server/data/attempts";
import { SaveAnswersSchema } from "@/lib/schemas/attempt";

// PUT /api/v1/attempts/{id}/answers — save answers. Body: { version, answers: { [itemId]: response | null } }. 409 when stale or closed.
export const PUT = apiRoute({ body: SaveAnswersSchema, params: IdParams, auth: true }, async ({ actor, body, params }) =>
  Response.json(await saveAnswers(actor, params.id, body), { headers: { "Cache-Control": "no-store" } }),
);
