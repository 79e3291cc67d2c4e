import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { startAssignmentAttempt } from "@/server/data/cohort-assignments";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, assignmentId: IdSchema });

// POST /api/v1/cohorts/{id}/assignments/{assignmentId}/attempts — start (or resume) the caller's attempt at a set assignment (students).
export const POST = apiRoute({ body: null, params: Params, auth: true }, async ({ actor, params }) =>
  Response.json(
    { attempt: await startAssignmentAttempt(actor, params.id, params.assignmentId) },
    { status: 201, headers: { "Cache-Control": "private, no-store" } },
  ),
);
