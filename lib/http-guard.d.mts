// Types for lib/http-guard.mjs (plain JS so scripts/serve.mjs can import it without a build step).
export const ALLOWED_METHODS: string[];
export const PAGE_BODY_LIMIT: number;
export const API_BODY_LIMIT: number;
export const MAX_ACTION_DEPTH: number;
export function siteOrigin(env: Record<string, string | undefined>): URL;
export function isCleanPath(rawPath: string): boolean;
export type Refusal =
  { kind: "respond"; status: number; contentType: string; body: string; headers?: Record<string, string> } | { kind: "not-found-page" };
export function guardRequest(
  req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
  origin: URL,
): Refusal | null;
export function jsonDepth(text: string): number;
export function checkActionBody(contentType: string | undefined, body: Buffer): string | null;
export function multipartParts(contentType: string | undefined, body: Buffer): { name: string; value: string }[] | string;
export function checkFormBody(contentType: string | undefined, body: Buffer): string | null;
