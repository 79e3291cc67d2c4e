import { apiRoute, IdParams } from "@/server/api/handler";
import { getCohortDashboard } from "@/server/data/cohort-dashboard";

// GET /api/v1/cohorts/{id}/dashboard — the dashboard's numbers: every student for the cohort's staff, a student's own row for them.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ dashboard: await getCohortDashboard(actor, params.id) }, { headers: { "Cache-Control": "private, no-store" } }),
);
