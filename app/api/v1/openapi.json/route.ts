import { openApiDocument } from "@/server/api/openapi";

// GET /api/v1/openapi.json — the API's description, built from the handlers' own schemas.
export function GET() {
  return Response.json(openApiDocument());
}
