import { apiRoute, IdParams } from "@/server/api/handler";
import { siteOrigin } from "@/server/env";
import { createInvite, listInvites } from "@/server/data/cohort-invites";
import { CreateInviteSchema } from "@/lib/schemas/cohorts";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts/{id}/invites — the cohort's invites (no tokens or codes): owner and instructors.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ invites: await listInvites(actor, params.id) }, { headers: NO_STORE }),
);

// POST /api/v1/cohorts/{id}/invites — a join link and short code (returned only in this response): owner and instructors.
export const POST = apiRoute({ body: CreateInviteSchema, params: IdParams, auth: true }, async ({ actor, params, body }) => {
  const { token, code, invite } = await createInvite(actor, params.id, body);
  return Response.json({ url: `${siteOrigin()}/cohorts/join/${token}`, code, invite }, { status: 201, headers: NO_STORE });
});
