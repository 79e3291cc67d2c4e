import { apiRoute, IdParams } from "@/server/api/handler";
import { regenerateShareLink, revokeShareLink } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };

// POST /api/v1/sets/{id}/share-link — make the set's one share link (revoking any earlier one); the URL is returned only here, once.
export const POST = apiRoute({ body: null, params: IdParams, auth: true }, async ({ req, actor, params }) => {
  const link = await regenerateShareLink(actor, params.id);
  const url = new URL(link.path, req.url).toString();
  return Response.json({ url, linkId: link.linkId, createdAt: link.createdAt }, { status: 201, headers: NO_STORE });
});

// DELETE /api/v1/sets/{id}/share-link — revoke it: the next visit of the old URL is refused.
export const DELETE = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json(await revokeShareLink(actor, params.id), { headers: NO_STORE }),
);
