import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { getAssignmentAttempt, saveAssignmentAnswers } from "@/server/data/cohort-assignments";
import { SaveAnswersSchema } from "@/lib/schemas/attempt";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, assignmentId: IdSchema, attemptId: IdSchema });
const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId} — the caller's own attempt (no answer key).
export const GET = apiRoute({ body: null, params: Params, auth: true }, async ({ actor, params }) =>
  Response.json({ attempt: await getAssignmentAttempt(actor, params.id, params.assignmentId, params.attemptId) }, { headers: NO_STORE }),
);

// PUT /api/v1/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId} — save answers (compare-and-set on the version).
export const PUT = apiRoute({ body: SaveAnswersSchema, params: Params, auth: true }, async ({ actor, params, body }) =>
  Response.json(await saveAssignmentAnswers(actor, params.id, params.assignmentId, params.attemptId, body), { headers: NO_STORE }),
);
