"use client";

import { useState } from "react";
import type { z } from "zod";

/**
 * A number input that keeps what is typed as a draft and commits it only when the setting's own schema
 * accepts it, so typing "5" on the way to "500" neither jumps nor writes a bad value to the URL.
 */
export function NumberField({ label, value, schema, onCommit, className, ...input }: {
  label: string;
  value: number;
  schema: z.ZodType<number>;
  onCommit: (value: number) => void;
  className: string;
  min?: number;
  max?: number;
  step?: number | "any";
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const valid = draft === null || schema.safeParse(draft).success;
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <input
        {...input}
        type="number"
        className={className}
        aria-invalid={!valid}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = schema.safeParse(e.target.value);
          if (parsed.success) onCommit(parsed.data);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}
