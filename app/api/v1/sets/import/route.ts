import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { apiError, apiRoute } from "@/server/api/handler";
import { ImportSetSchema, importSet } from "@/server/data/sets";

const MAX_TEXT_BYTES = 1024 * 1024;
const QuerySchema = z.object({ format: z.enum(["gift", "markdown"]), title: text().trim().min(1).max(200).optional() });

/**
 * POST /api/v1/sets/import — a new set from a GIFT or Layerwise Markdown file, with the import report.
 * Body: JSON `{ format, text, title? }`, or the file itself as `text/plain` / `text/markdown` with
 * `?format=gift|markdown[&title=…]`. A raw body is accepted with a bearer token only: a cookie-authenticated
 * write must be JSON (a cross-site form can send text/plain).
 */
export const POST = apiRoute({ body: null, auth: true }, async ({ req, actor }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const text = await req.text();
  if (text.length > MAX_TEXT_BYTES) return apiError(413, "too_large", "The file may be at most 1 MiB.");
  let input: z.output<typeof ImportSetSchema>;
  if (type.startsWith("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return apiError(400, "invalid_json", "The body is not valid JSON.");
    }
    const parsed = ImportSetSchema.safeParse(json);
    if (!parsed.success) return apiError(400, "invalid_request", "The request body is not valid.", fieldsOf(parsed.error));
    input = parsed.data;
  } else if (/^text\/(plain|markdown)/.test(type) && req.headers.get("authorization")) {
    const q = QuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) return apiError(400, "invalid_request", "Give `?format=gift` or `?format=markdown`.", fieldsOf(q.error));
    if (!text.trim()) return apiError(400, "invalid_request", "The file is empty.");
    input = { format: q.data.format, text, ...(q.data.title ? { title: q.data.title } : {}) };
  } else {
    return apiError(415, "unsupported_media_type", "Send JSON `{ format, text }`, or (with a bearer token) the file as text/plain.");
  }
  const { set, report } = await importSet(actor, input);
  return Response.json({ set, report }, { status: 201, headers: { "Cache-Control": "private, no-store" } });
});

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of error.issues) fields[i.path.join(".") || "body"] ??= i.message;
  return fields;
}
