import { apiRoute } from "@/server/api/handler";
import { actorForViewer } from "@/server/data/quiz-actor";
import { UpdateSetSchema, deleteSet, getSet, updateSet } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };
type P = { id: string };

// GET /api/v1/sets/{id} — the set with its items (and key) and settings: owners and viewers only.
export const GET = apiRoute<null, P>({ body: null, auth: true }, async ({ viewer, params }) =>
  Response.json({ set: await getSet(actorForViewer(viewer!), params.id) }, { headers: NO_STORE }),
);

// PATCH /api/v1/sets/{id} — change title, items or settings; started attempts keep their snapshot.
export const PATCH = apiRoute<typeof UpdateSetSchema, P>({ body: UpdateSetSchema, auth: true }, async ({ viewer, body, params }) =>
  Response.json({ set: await updateSet(actorForViewer(viewer!), params.id, body) }, { headers: NO_STORE }),
);

// DELETE /api/v1/sets/{id} — delete the set, its links and results (candidates keep their own attempts).
export const DELETE = apiRoute<null, P>({ body: null, auth: true }, async ({ viewer, params }) => {
  await deleteSet(actorForViewer(viewer!), params.id);
  return Response.json({ deleted: true }, { headers: NO_STORE });
});
