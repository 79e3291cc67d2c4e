import { apiRoute } from "@/server/api/handler";
import { openApiDocument } from "@/server/api/openapi";

// GET /api/v1/openapi.json — the API's description, built from the handlers' own schemas. Through apiRoute
// like every /api/v1 route, so a dead token sent here is a 401 too.
export const GET = apiRoute({ body: null, auth: false }, async () => Response.json(openApiDocument()));
