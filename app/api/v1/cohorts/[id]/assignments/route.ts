import { apiRoute, IdParams } from "@/server/api/handler";
import { createAssignment, listAssignments } from "@/server/data/cohort-assignments";
import { CreateAssignmentSchema } from "@/lib/schemas/cohorts";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts/{id}/assignments — the assignments by due date; a student also gets their own status.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ assignments: await listAssignments(actor, params.id) }, { headers: NO_STORE }),
);

// POST /api/v1/cohorts/{id}/assignments — assign a question set or a lab challenge with a due date: owner and instructors.
export const POST = apiRoute({ body: CreateAssignmentSchema, params: IdParams, auth: true }, async ({ actor, params, body }) =>
  Response.json({ assignment: await createAssignment(actor, params.id, body) }, { status: 201, headers: NO_STORE }),
);
