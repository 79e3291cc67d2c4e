/** What a form's server action returns: success, or an error with optional per-field messages. */
export type FormState =
  | { ok: true; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> }
  | null;
