import { z } from "zod";
import { apiError, apiRoute, IdParams } from "@/server/api/handler";
import { exportSet } from "@/server/data/sets";

const FormatSchema = z.enum(["gift", "markdown"]);

// GET /api/v1/sets/{id}/export?format=gift|markdown — the set's items as a GIFT or Layerwise Markdown file.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ req, actor, params }) => {
  const format = FormatSchema.safeParse(new URL(req.url).searchParams.get("format") ?? "");
  if (!format.success) return apiError(400, "invalid_request", "Give `format=gift` or `format=markdown`.", { format: "gift or markdown" });
  const { text } = await exportSet(actor, params.id, format.data);
  const ext = format.data === "gift" ? "gift.txt" : "md";
  return new Response(text, {
    headers: {
      "Content-Type": `${format.data === "gift" ? "text/plain" : "text/markdown"}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="set-${params.id.replace(/[^a-z0-9]/gi, "")}.${ext}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
