import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { saveAnswers } from "@/server/data/attempts";
import { SaveAnswersSchema } from "@/lib/schemas/attempt";

// PUT /api/v1/attempts/{id}/answers — save answers. Body: { version, answers: { [itemId]: response | null } }. 409 when stale or closed.
export const PUT = apiRoute<typeof SaveAnswersSchema, { id: string }>({ body: SaveAnswersSchema, auth: true }, async ({ viewer, body, params }) =>
  Response.json(await saveAnswers(actorForViewer(viewer!), params.id, body), { headers: { "Cache-Control": "no-store" } }),
);
