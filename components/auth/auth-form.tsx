"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";

type Field = { name: string; label: string; type: string; autoComplete: string; required?: boolean; hint?: string };

const inputClass = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900";

/** Sign-in and sign-up share one accessible form: labelled fields, errors tied to their field, a live region for the outcome. */
export function AuthForm({
  action,
  fields,
  submitLabel,
  callbackUrl,
  hidden,
  footer,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  fields: Field[];
  submitLabel: string;
  callbackUrl?: string;
  /** Extra hidden fields (a reset token). */
  hidden?: Record<string, string>;
  footer: { text: string; href: string; link: string };
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // React resets a form after its action runs; put back what was typed (the action echoes it, never the password).
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} className="max-w-sm space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => {
        const error = fieldErrors[f.name];
        return (
          <div key={f.name} className="space-y-1">
            <label htmlFor={f.name} className="block font-medium">
              {f.label}
            </label>
            <input
              key={`${f.name}:${values[f.name] ?? ""}`}
              defaultValue={values[f.name]}
              id={f.name}
              name={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              required={f.required}
              aria-invalid={error ? true : undefined}
              aria-describedby={[error && `${f.name}-error`, f.hint && `${f.name}-hint`].filter(Boolean).join(" ") || undefined}
              className={inputClass}
            />
            {f.hint && (
              <p id={`${f.name}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
                {f.hint}
              </p>
            )}
            {error && (
              <p id={`${f.name}-error`} className="text-sm text-rose-700 dark:text-rose-300">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div role="alert" aria-live="assertive" className="min-h-6 text-rose-700 dark:text-rose-300">
        {state && !state.ok ? state.error : null}
      </div>
      <p role="status" className="empty:hidden">
        {state?.ok ? state.message : null}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? "Please wait…" : submitLabel}
      </button>
      <p className="text-sm">
        {footer.text}{" "}
        <Link href={footer.href} className="underline">
          {footer.link}
        </Link>
      </p>
    </form>
  );
}
