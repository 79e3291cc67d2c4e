/**
 * The one result shape of every server action, for client and server alike. `code` lets a client
 * tell a stale-version conflict (offer a reload) from an invalid input without parsing the message;
 * `values` echoes what a form sent (never a password) so the form can be refilled after an error.
 */
export type ActionFailure = {
  ok: false;
  error: string;
  /** "unreachable": the request never got an answer (offline, server down); set on the client by callAction. */
  code?: "not-found" | "invalid" | "conflict" | "unreachable";
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** What a form action driven by useActionState holds: nothing yet, or its last result. */
export type FormState = { ok: true; data?: null; message?: string } | ActionFailure | null;
