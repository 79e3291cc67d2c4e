import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { grantExtraTime } from "@/server/data/cohort-assignments";
import { ExtraTimeSchema } from "@/lib/schemas/cohorts";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, assignmentId: IdSchema });

// POST /api/v1/cohorts/{id}/assignments/{assignmentId}/extra-time — give one student extra minutes on a timed assignment.
export const POST = apiRoute({ body: ExtraTimeSchema, params: Params, auth: true }, async ({ actor, params, body }) =>
  Response.json(await grantExtraTime(actor, params.id, params.assignmentId, body), { headers: { "Cache-Control": "private, no-store" } }),
);
