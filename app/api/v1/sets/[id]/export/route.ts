import { z } from "zod";
import { apiError, apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { exportSet } from "@/server/data/sets";

const FormatSchema = z.enum(["gift", "markdown"]);

// GET /api/v1/sets/{id}/export?format=gift|markdown — the set's items as a GIFT or Layerwise Markdown file.
export const GET = apiRoute<null, { id: string }>({ body: null, auth: true }, async ({ req, viewer, params }) => {
  const format = FormatSchema.safeParse(new URL(req.url).searchParams.get("format") ?? "");
  if (!format.success) return apiError(400, "invalid_request", "Give `format=gift` or `format=markdown`.", { format: "gift or markdown" });
  const { text } = await exportSet(actorForViewer(viewer!), params.id, format.data);
  const ext = format.data === "gift" ? "gift.txt" : "md";
  return new Response(text, {
    headers: {
      "Content-Type": `${format.data === "gift" ? "text/plain" : "text/markdown"}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="set-${params.id.replace(/[^a-z0-9]/gi, "")}.${ext}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
