import { apiRoute, IdParams } from "@/server/api/handler";
import { addInstructor } from "@/server/data/cohorts";
import { AddInstructorSchema } from "@/lib/schemas/cohorts";

// POST /api/v1/cohorts/{id}/members — the owner makes an existing account an instructor (by email).
export const POST = apiRoute({ body: AddInstructorSchema, params: IdParams, auth: true }, async ({ actor, params, body }) =>
  Response.json(
    { member: await addInstructor(actor, params.id, body) },
    { status: 201, headers: { "Cache-Control": "private, no-store" } },
  ),
);
