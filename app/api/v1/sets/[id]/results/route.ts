import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { getSetResults } from "@/server/data/sets";

// GET /api/v1/sets/{id}/results — every candidate's answers next to the key, per-item figures, lab runs.
export const GET = apiRoute<null, { id: string }>({ body: null, auth: true }, async ({ viewer, params }) =>
  Response.json({ results: await getSetResults(actorForViewer(viewer!), params.id) }, { headers: { "Cache-Control": "private, no-store" } }),
);
