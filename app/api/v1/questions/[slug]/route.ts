import { apiError, apiRoute, SlugParams } from "@/server/api/handler";
import { getQuestionDTO } from "@/server/api/questions";

// GET /api/v1/questions/{slug} — one question with its answer and explanations (no quiz keys).
export const GET = apiRoute({ body: null, params: SlugParams, auth: false }, async ({ params }) => {
  const q = getQuestionDTO(params.slug);
  return q ? Response.json({ question: q }) : apiError(404, "not_found", "That question was not found.");
});
