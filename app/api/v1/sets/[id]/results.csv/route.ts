import { apiRoute, IdParams } from "@/server/api/handler";
import { getSetResultsCsv } from "@/server/data/sets";

// GET /api/v1/sets/{id}/results.csv — the same results as RFC 4180 CSV, formula cells neutralised.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) => {
  const csv = await getSetResultsCsv(actor, params.id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="set-${params.id.replace(/[^a-z0-9]/gi, "")}-results.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
