import { apiError, apiRoute } from "@/server/api/handler";
import { listQuestionDTOs } from "@/server/api/questions";
import { QuestionQuerySchema, filterParams } from "@/lib/content/filters";

// GET /api/v1/questions?q=&topic=&tag=&difficulty=&role= — the questions matching the same search and filters as /questions.
export const GET = apiRoute({ body: null, auth: false }, async ({ req }) => {
  const params = new URL(req.url).searchParams;
  const parsed = QuestionQuerySchema.safeParse(
    filterParams(Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) ?? undefined]))),
  );
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "query", i.message]));
    return apiError(400, "invalid_query", "The search or a filter is not valid.", fields);
  }
  return Response.json({ questions: listQuestionDTOs(parsed.data) });
});
