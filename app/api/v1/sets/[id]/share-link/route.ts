import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { regenerateShareLink, revokeShareLink } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };
type P = { id: string };

// POST /api/v1/sets/{id}/share-link — make the set's one share link (revoking any earlier one); the URL is returned only here, once.
export const POST = apiRoute<null, P>({ body: null, auth: true }, async ({ req, viewer, params }) => {
  const link = await regenerateShareLink(actorForViewer(viewer!), params.id);
  const url = new URL(link.path, req.url).toString();
  return Response.json({ url, linkId: link.linkId, createdAt: link.createdAt }, { status: 201, headers: NO_STORE });
});

// DELETE /api/v1/sets/{id}/share-link — revoke it: the next visit of the old URL is refused.
export const DELETE = apiRoute<null, P>({ body: null, auth: true }, async ({ viewer, params }) =>
  Response.json(await revokeShareLink(actorForViewer(viewer!), params.id), { headers: NO_STORE }),
);
