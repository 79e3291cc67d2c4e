import { apiRoute } from "@/server/api/handler";
import { CreateSetSchema, createSet, listSets } from "@/server/data/sets";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/sets — the sets the caller owns or views.
export const GET = apiRoute({ body: null, auth: true }, async ({ actor }) =>
  Response.json({ sets: await listSets(actor) }, { headers: NO_STORE }),
);

// POST /api/v1/sets — create a set from bank picks and/or custom items, with settings (the caller becomes its owner).
export const POST = apiRoute({ body: CreateSetSchema, auth: true }, async ({ actor, body }) =>
  Response.json({ set: await createSet(actor, body) }, { status: 201, headers: NO_STORE }),
);
