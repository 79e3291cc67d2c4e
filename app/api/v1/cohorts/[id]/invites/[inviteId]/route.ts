import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { revokeInvite } from "@/server/data/cohort-invites";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, inviteId: IdSchema });

// DELETE /api/v1/cohorts/{id}/invites/{inviteId} — revoke an invite: neither its link nor its code admits anyone from now on.
export const DELETE = apiRoute({ body: null, params: Params, auth: true }, async ({ actor, params }) => {
  await revokeInvite(actor, params.id, params.inviteId);
  return Response.json({ revoked: true }, { headers: { "Cache-Control": "private, no-store" } });
});
