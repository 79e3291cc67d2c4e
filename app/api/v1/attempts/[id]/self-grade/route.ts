import { apiRoute, IdParams } from "@/server/api/handler";
import { selfGradeFreeText } from "@/server/data/attempts";
import { SelfGradeSchema } from "@/lib/schemas/attempt";

// POST /api/v1/attempts/{id}/self-grade — after submit, tick the rubric points a free-text answer covered (once per item).
export const POST = apiRoute({ body: SelfGradeSchema, params: IdParams, auth: true }, async ({ actor, body, params }) =>
  Response.json({ result: await selfGradeFreeText(actor, params.id, body) }, { headers: { "Cache-Control": "no-store" } }),
);
