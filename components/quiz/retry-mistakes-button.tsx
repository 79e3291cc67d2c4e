"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startAttemptAction } from "@/server/actions/quiz";
import { btnPrimary } from "@/components/quiz/styles";

/**
 * Starts an attempt of the items not yet right (across attempts) — or, with mode "review", of the items
 * due in the review queue — and opens it.
 */
export function RetryMistakesButton({ slug, className = btnPrimary, mode = "mistakes", label = "Retry my mistakes" }: {
  slug: string;
  className?: string;
  mode?: "mistakes" | "review";
  label?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await startAttemptAction({ slug, mode }).catch(() => null);
            if (r?.ok) router.push(`/questions/${slug}/quiz`);
            else setError(r?.error ?? "Could not reach the server; try again.");
          })
        }
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </span>
      )}
    </span>
  );
}
