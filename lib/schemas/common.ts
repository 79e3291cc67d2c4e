import { z } from "zod";
import { text } from "@/lib/schemas/input";

/**
 * The shapes every entity shares. One slug rule for content and requests alike (kebab-case, as
 * content/questions/<slug>.md is named), one id rule for database ids in URLs and bodies (cuid: 25
 * characters; the limit leaves room without letting a megabyte through).
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SlugSchema = text().max(100).regex(SLUG_PATTERN, "must be kebab-case: lowercase letters, digits and single hyphens");
export const IdSchema = text().min(1).max(40);

/** Field messages from a zod error, one per field (the first), keyed by the dotted path ("input" for the root). */
export function fieldErrorsOf(error: z.ZodError, root = "input"): Record<string, string> {
  const { formErrors, fieldErrors } = z.flattenError(error);
  const out: Record<string, string> = {};
  if (formErrors[0]) out[root] = formErrors[0];
  for (const [field, messages] of Object.entries<string[] | undefined>(fieldErrors)) {
    if (messages?.[0]) out[field] = messages[0];
  }
  return out;
}
