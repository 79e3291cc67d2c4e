import { apiRoute } from "@/server/api/handler";
import { createCohort, listMyCohorts } from "@/server/data/cohorts";
import { CreateCohortSchema } from "@/lib/schemas/cohorts";

const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts — the cohorts the caller belongs to, with their role in each.
export const GET = apiRoute({ body: null, auth: true }, async ({ actor }) =>
  Response.json({ cohorts: await listMyCohorts(actor) }, { headers: NO_STORE }),
);

// POST /api/v1/cohorts — create a cohort; the caller becomes its owner.
export const POST = apiRoute({ body: CreateCohortSchema, auth: true }, async ({ actor, body }) =>
  Response.json({ cohort: await createCohort(actor, body) }, { status: 201, headers: NO_STORE }),
);
