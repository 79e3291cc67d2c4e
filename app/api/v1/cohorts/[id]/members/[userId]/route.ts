import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { removeMember } from "@/server/data/cohorts";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, userId: IdSchema });

// DELETE /api/v1/cohorts/{id}/members/{userId} — remove a member: a student (owner or instructor), anyone else (owner).
export const DELETE = apiRoute({ body: null, params: Params, auth: true }, async ({ actor, params }) => {
  await removeMember(actor, params.id, params.userId);
  return Response.json({ removed: true }, { headers: { "Cache-Control": "private, no-store" } });
});
