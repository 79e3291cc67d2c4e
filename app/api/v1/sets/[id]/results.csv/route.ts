import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { getSetResultsCsv } from "@/server/data/sets";

// GET /api/v1/sets/{id}/results.csv — the same results as RFC 4180 CSV, formula cells neutralised.
export const GET = apiRoute<null, { id: string }>({ body: null, auth: true }, async ({ viewer, params }) => {
  const csv = await getSetResultsCsv(actorForViewer(viewer!), params.id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="set-${params.id.replace(/[^a-z0-9]/gi, "")}-results.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
