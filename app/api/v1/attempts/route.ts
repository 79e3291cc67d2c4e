import { apiRoute } from "@/server/api/handler";
import { startAttempt } from "@/server/data/attempts";
import { StartAttemptSchema } from "@/lib/schemas/attempt";

// POST /api/v1/attempts — start an attempt (or get the one in progress). Body: { slug, mode?, timeLimitMinutes?, shuffle? }
export const POST = apiRoute({ body: StartAttemptSchema, auth: true }, async ({ actor, body }) => {
  const attempt = await startAttempt(actor, body);
  return Response.json({ attempt }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
