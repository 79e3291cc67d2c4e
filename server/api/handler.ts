import "server-only";
import { z } from "zod";
import { getViewer, type Viewer } from "@/server/auth";
import { userForApiToken } from "@/server/data/api-tokens";
import { DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { isDatabaseUnavailable, RETRY_AFTER_S } from "@/server/availability";
import { siteOrigin } from "@/server/env";
import { actorForViewer } from "@/server/data/quiz-actor";
import { anonymousActor, type Actor } from "@/server/permissions";
import { fieldErrorsOf, IdSchema, SlugSchema } from "@/lib/schemas/common";

/**
 * The one wrapper for JSON API route handlers (/api/v1): authenticate (bearer token or session
 * cookie), refuse cross-site cookie-authenticated writes, validate the JSON body with zod (unknown
 * keys stripped), call the data layer, and map every outcome to a JSON body with a clear message:
 * 400 invalid, 401 unauthenticated or an invalid credential, 404 not found (also for others' data), 409 conflict, 413 too large.
 */
export type ApiError = { error: { code: string; message: string; fields?: Record<string, string> } };

const MAX_BODY_BYTES = 256 * 1024;

export function apiError(status: number, code: string, message: string, fields?: Record<string, string>): Response {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

type Auth = { viewer: Viewer; via: "token" | "cookie" } | null;

/**
 * A credential that is sent must be valid, wherever it is sent: an unknown, revoked or malformed
 * `Authorization` header is a 401 even on public routes (a client must learn its token is dead).
 */
async function authenticate(req: Request): Promise<Auth | "invalid"> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+([A-Za-z0-9_-]{1,200})$/i.exec(header.trim());
    const viewer = m ? await userForApiToken(m[1]!) : null;
    return viewer ? { viewer, via: "token" } : "invalid";
  }
  const viewer = await getViewer();
  return viewer ? { viewer, via: "cookie" } : null;
}

/** A cookie-authenticated write must come from this site (CSRF): a same-origin Origin (compared with the configured origin, never Host). */
function crossSite(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  return origin !== null && origin !== siteOrigin();
}

/**
 * Reads at most `limit` bytes of the body: a longer (or endless) stream is cancelled there, never buffered whole.
 * null means too large (not a string sentinel: a body could spell any string).
 */
async function readBody(req: Request, limit: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** Path parameters are input too: a control character (NUL: PostgreSQL refuses it) or a huge value names nothing. */
function badParams(params: unknown): boolean {
  return Object.values((params ?? {}) as Record<string, unknown>).some(
    (v) => typeof v !== "string" || v.length > 200 || /[\u0000-\u001f\u007f]/.test(v),
  );
}

type Ctx = { params: Promise<Record<string, string | string[] | undefined>> };
type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;
type ParamsOf<Q> = Q extends z.ZodType ? z.output<Q> : Record<string, never>;
type UserActor = { kind: "user"; userId: string } & Actor;
type Options<S, Q> = { body: S; params?: Q };
type Args<S, Q> = { req: Request; body: BodyOf<S>; params: ParamsOf<Q> };
type RouteHandler = (req: Request, ctx: Ctx) => Promise<Response>;

/**
 * `auth: true` routes get the signed-in viewer and its actor (memberships included); others get the
 * viewer if there is one, and an actor that is anonymous otherwise. Path params are parsed with the
 * `params` schema: a malformed id names nothing, so it is a 404 like an unknown one.
 */
export function apiRoute<S extends z.ZodType | null, Q extends z.ZodType | undefined = undefined>(
  options: Options<S, Q> & { auth: true },
  fn: (args: Args<S, Q> & { viewer: Viewer; actor: UserActor }) => Promise<Response>,
): RouteHandler;
export function apiRoute<S extends z.ZodType | null, Q extends z.ZodType | undefined = undefined>(
  options: Options<S, Q> & { auth: false },
  fn: (args: Args<S, Q> & { viewer: Viewer | null; actor: Actor }) => Promise<Response>,
): RouteHandler;
export function apiRoute(
  options: Options<z.ZodType | null, z.ZodType | undefined> & { auth: boolean },
  fn: (args: never) => Promise<Response>,
): RouteHandler {
  // The overloads tie `viewer` to `auth`; at run time `auth: true` has returned 401 above when there is none.
  const handle = fn as (args: { req: Request; body: unknown; params: unknown; viewer: Viewer | null; actor: Actor }) => Promise<Response>;
  return async (req, ctx) => {
    try {
      const auth = await authenticate(req);
      if (auth === "invalid")
        return apiError(
          401,
          "invalid_token",
          "This credential is not valid (unknown, revoked or malformed). Create a new token under /settings/tokens.",
        );
      const rawParams = await ctx.params;
      if (badParams(rawParams)) return apiError(404, "not_found", "Nothing was found at this address.");
      if (options.auth && !auth) {
        return apiError(401, "unauthenticated", "Sign in, or send a personal API token as `Authorization: Bearer lw_…`.");
      }
      const writes = req.method !== "GET" && req.method !== "HEAD";
      if (writes && auth?.via === "cookie" && crossSite(req)) {
        logEvent("authz.denied", { userId: auth.viewer.id, reason: "cross-site write", outcome: "denied" });
        return apiError(403, "cross_site", "Cross-site requests cannot change data.");
      }
      let params: unknown = {};
      if (options.params) {
        const parsed = options.params.safeParse(rawParams);
        if (!parsed.success) return apiError(404, "not_found", "Nothing was found at this address.");
        params = parsed.data;
      }
      let body: unknown = undefined;
      if (options.body) {
        if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
          return apiError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
        }
        const text = await readBody(req, MAX_BODY_BYTES);
        if (text === null) return apiError(413, "too_large", `The body may be at most ${MAX_BODY_BYTES / 1024} KiB.`);
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : {};
        } catch {
          return apiError(400, "invalid_json", "The body is not valid JSON.");
        }
        const parsed = options.body.safeParse(json);
        if (!parsed.success) return apiError(400, "invalid_request", "The request body is not valid.", fieldErrorsOf(parsed.error, "body"));
        body = parsed.data;
      }
      const viewer = auth?.viewer ?? null;
      return await handle({ req, viewer, actor: viewer ? actorForViewer(viewer) : anonymousActor(), body, params });
    } catch (e) {
      if (e instanceof DataError) {
        const status = e.code === "not-found" ? 404 : e.code === "conflict" ? 409 : 400;
        return apiError(status, e.code.replace("-", "_"), e.message);
      }
      if (isDatabaseUnavailable(e)) {
        const res = apiError(
          503,
          "unavailable",
          `The service is temporarily unavailable; nothing was changed. Retry in ${RETRY_AFTER_S} seconds.`,
        );
        res.headers.set("Retry-After", String(RETRY_AFTER_S));
        return res;
      }
      const errorId = crypto.randomUUID();
      logEvent("api.error", { errorId, path: new URL(req.url).pathname, message: (e as Error).message });
      return apiError(500, "internal", `Something went wrong on our side (error ${errorId.slice(0, 8)}).`);
    }
  };
}

/** Path params of `[id]` routes and `[slug]` routes. */
export const IdParams = z.object({ id: IdSchema });
export const SlugParams = z.object({ slug: SlugSchema });
