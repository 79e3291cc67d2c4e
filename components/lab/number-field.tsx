"use client";

import { useId, useState } from "react";
import type { z } from "zod";

/**
 * A number input that keeps what is typed as a draft and commits it only when the setting's own schema
 * accepts it, so typing "5" on the way to "500" neither jumps nor writes a bad value to the URL. A value the
 * schema refuses stays in the box with a message (it is never silently replaced by the last good value),
 * and `onValidity` tells the form, which refuses to run until it is fixed.
 */
export function NumberField({
  label,
  value,
  schema,
  onCommit,
  onValidity,
  className,
  ...input
}: {
  label: string;
  value: number;
  schema: z.ZodType<number>;
  onCommit: (value: number) => void;
  onValidity?: (valid: boolean) => void;
  className: string;
  min?: number;
  max?: number;
  step?: number | "any";
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();
  const parsed = draft === null ? null : schema.safeParse(draft.trim() === "" ? undefined : draft);
  const error = parsed && !parsed.success ? (parsed.error.issues[0]?.message ?? "invalid") : null;
  const range = input.min !== undefined && input.max !== undefined ? ` (${input.min}–${input.max})` : "";
  // The message sits outside the <label>, so the input's accessible name stays the label alone.
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label className="flex flex-col gap-1">
        {label}
        <input
          {...input}
          type="number"
          className={className}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          value={draft ?? String(value)}
          onChange={(e) => {
            setDraft(e.target.value);
            const next = schema.safeParse(e.target.value.trim() === "" ? undefined : e.target.value);
            onValidity?.(next.success);
            if (next.success) onCommit(next.data);
          }}
          // A valid draft gives way to the committed value (same number, canonical form); an invalid one stays.
          onBlur={() => {
            if (!error) setDraft(null);
          }}
        />
      </label>
      {error && (
        <span id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-300">
          Not used: {error.replace(/^Invalid input: /, "")}
          {range}. The last valid value ({String(value)}) stays until this is fixed.
        </span>
      )}
    </div>
  );
}
