import { apiRoute, IdParams } from "@/server/api/handler";
import { GradeFreeTextSchema, gradeSetFreeText } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };

// PUT /api/v1/sets/{id}/grades — the owner's grade of one free-text answer (rubric points ticked); replaces an earlier grade.
export const PUT = apiRoute({ body: GradeFreeTextSchema, params: IdParams, auth: true }, async ({ actor, body, params }) =>
  Response.json(await gradeSetFreeText(actor, params.id, body), { headers: NO_STORE }),
);
