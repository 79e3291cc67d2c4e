import "server-only";
import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Validated on first use; a bad value stops the
 * server with a message naming the variable (never a stack trace with secrets).
 */
// An empty variable (`FOO=`) means unset, as in most tools.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset: the embedded PGlite database under DATA_DIR. `postgres://…`: that PostgreSQL server. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (or unset for the embedded database)")),
  /** Where the embedded database and the generated AUTH_SECRET live. */
  DATA_DIR: z.string().default("data"),
  /** Required by the server (checked in server/auth.ts); scripts that only migrate do not need it. */
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (npm start generates one)")),
  /** The site's one origin (scripts/serve.mjs sets the default, http://localhost:PORT). Never derived from a request's Host. */
  AUTH_URL: optional(z.url()),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Trust X-Forwarded-For from a reverse proxy in front of the app (off by default: clients could spoof it). */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /** Sign-in and sign-up attempts allowed per client address per 15 minutes (the end-to-end suite raises it: every test signs up from 127.0.0.1). */
  AUTH_CLIENT_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Outgoing mail for password reset (smtp:// or smtps://, credentials in the URL). Unset: reset by email is not offered. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  /** The From address of outgoing mail. */
  MAIL_FROM: z.string().default("Layerwise <no-reply@layerwise.invalid>"),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_GOOGLE_ID: optional(z.string()),
  AUTH_GOOGLE_SECRET: optional(z.string()),
});
export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The site's origin (`https://example.org`): every absolute URL and every same-origin check uses it,
 * never the request's Host header, which a client chooses (issue 8).
 */
export function siteOrigin(e: Env = env()): string {
  return new URL(e.AUTH_URL ?? `http://localhost:${e.PORT}`).origin;
}

/** Absolute path of the embedded database folder. */
export function pgliteDir(e: Env = env()): string {
  return path.resolve(e.DATA_DIR, "pglite");
}

/** True while `next build` runs: nothing may open the database then (see docs/decisions/001). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
