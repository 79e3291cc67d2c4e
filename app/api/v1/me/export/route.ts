import { apiRoute } from "@/server/api/handler";
import { exportAccount } from "@/server/data/account";

// GET /api/v1/me/export — everything stored about the caller, as one JSON document (a download).
export const GET = apiRoute({ body: null, auth: true }, async ({ viewer }) => {
  const data = await exportAccount(viewer);
  return Response.json(data, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="layerwise-export-${data.exportedAt.slice(0, 10)}.json"`,
    },
  });
});
