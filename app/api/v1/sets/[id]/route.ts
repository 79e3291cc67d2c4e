import { apiRoute, IdParams } from "@/server/api/handler";
import { UpdateSetSchema, deleteSet, getSet, updateSet } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/sets/{id} — the set with its items (and key) and settings: owners and viewers only.
export const GET = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) =>
  Response.json({ set: await getSet(actor, params.id) }, { headers: NO_STORE }),
);

// PATCH /api/v1/sets/{id} — change title, items or settings; started attempts keep their snapshot.
export const PATCH = apiRoute({ body: UpdateSetSchema, params: IdParams, auth: true }, async ({ actor, body, params }) =>
  Response.json({ set: await updateSet(actor, params.id, body) }, { headers: NO_STORE }),
);

// DELETE /api/v1/sets/{id} — delete the set, its links and results (candidates keep their own attempts).
export const DELETE = apiRoute({ body: null, params: IdParams, auth: true }, async ({ actor, params }) => {
  await deleteSet(actor, params.id);
  return Response.json({ deleted: true }, { headers: NO_STORE });
});
