import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { selfGradeFreeText } from "@/server/data/attempts";
import { SelfGradeSchema } from "@/lib/schemas/attempt";

// POST /api/v1/attempts/{id}/self-grade — after submit, tick the rubric points a free-text answer covered (once per item).
export const POST = apiRoute<typeof SelfGradeSchema, { id: string }>({ body: SelfGradeSchema, auth: true }, async ({ viewer, body, params }) =>
  Response.json({ result: await selfGradeFreeText(actorForViewer(viewer!), params.id, body) }, { headers: { "Cache-Control": "no-store" } }),
);
