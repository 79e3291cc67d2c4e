import { z } from "zod";
import { apiRoute } from "@/server/api/handler";
import { listMyChallengeSubmissions, submitChallenge } from "@/server/data/lab-challenges";
import { SubmitChallengeSchema } from "@/lib/schemas/cohorts";
import { IdSchema } from "@/lib/schemas/common";

const Params = z.object({ id: IdSchema, assignmentId: IdSchema });
const NO_STORE = { "Cache-Control": "private, no-store" };

// GET /api/v1/cohorts/{id}/assignments/{assignmentId}/submissions — the caller's own submissions to a lab challenge.
export const GET = apiRoute({ body: null, params: Params, auth: true }, async ({ actor, params }) =>
  Response.json({ submissions: await listMyChallengeSubmissions(actor, params.id, params.assignmentId) }, { headers: NO_STORE }),
);

// POST /api/v1/cohorts/{id}/assignments/{assignmentId}/submissions — submit lab settings to a challenge (a student);
// the server re-runs them and grades its own numbers (claimed numbers are ignored).
export const POST = apiRoute({ body: SubmitChallengeSchema, params: Params, auth: true }, async ({ actor, params, body }) =>
  Response.json({ submission: await submitChallenge(actor, params.id, params.assignmentId, body) }, { status: 201, headers: NO_STORE }),
);
