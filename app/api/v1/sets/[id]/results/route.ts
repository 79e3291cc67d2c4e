import { apiRoute, IdParams } from "@/server/api/handler";
import { getSetResults } from "@/server/data/sets";

// GET /api/v1/sets/{id}/results — every candidate's answers next to the key, per-item figures, lab runs.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ results: await getSetResults(actor, params.id) }, { headers: { "Cache-Control": "private, no-store" } }),
);
