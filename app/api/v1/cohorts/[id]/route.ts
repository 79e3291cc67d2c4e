import { apiRoute, IdParams } from "@/server/api/handler";
import { getCohort } from "@/server/data/cohorts";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts/{id} — the cohort and its members (a student sees the staff and themselves): members only.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ cohort: await getCohort(actor, params.id) }, { headers: NO_STORE }),
);
