import { apiRoute } from "@/server/api/handler";
import { listQuestionDTOs } from "@/server/api/questions";

// GET /api/v1/questions — every question (public content; no quiz keys).
export const GET = apiRoute({ body: null, auth: false }, async () => Response.json({ questions: listQuestionDTOs() }));
