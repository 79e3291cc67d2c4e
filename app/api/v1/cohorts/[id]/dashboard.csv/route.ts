import { apiRoute, IdParams } from "@/server/api/handler";
import { getCohortDashboardCsv } from "@/server/data/cohort-dashboard";

// GET /api/v1/cohorts/{id}/dashboard.csv — one row per student (the rows the viewer may see) as RFC 4180 CSV, formula cells neutralised.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) => {
  const csv = await getCohortDashboardCsv(actor, params.id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="cohort-${params.id.replace(/[^a-z0-9]/gi, "")}-dashboard.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
