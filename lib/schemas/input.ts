import { z } from "zod";

/**
 * The string schema for every value that comes from a request (server actions, API bodies, path
 * parameters). It refuses U+0000: PostgreSQL cannot store it in `text` or `jsonb`, so letting it through
 * turns odd input into a 500 (issue 8). Input schemas use `text()` instead of `z.string()`;
 * lib/schemas/input.test.ts fails the build on a bare `z.string()` in an input module.
 */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

export const hasNul = (s: string): boolean => s.includes("\u0000");

export function text(): z.ZodString {
  return z.string().refine((s) => !hasNul(s), NUL_MESSAGE);
}
