import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { submitAssignmentAttempt } from "@/server/data/cohort-assignments";
import { SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, assignmentId: IdSchema, attemptId: IdSchema });

// POST /api/v1/cohorts/{id}/assignments/{assignmentId}/attempts/{attemptId}/submit — grade on the server; late after the due date.
export const POST = apiRoute({ body: SubmitAttemptSchema, params: Params, auth: true }, async ({ actor, params, body }) =>
  Response.json(
    { result: await submitAssignmentAttempt(actor, params.id, params.assignmentId, params.attemptId, body) },
    { headers: { "Cache-Control": "private, no-store" } },
  ),
);
