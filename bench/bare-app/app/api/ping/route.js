// A bare route handler that renders per request: the ceiling for dynamic JSON responses.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true, at: Date.now() });
}
