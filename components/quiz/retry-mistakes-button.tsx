"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startAttemptAction } from "@/server/actions/quiz";
import { btnPrimary } from "@/components/quiz/styles";

/** Starts an attempt of the items not yet right (across attempts) and opens it. */
export function RetryMistakesButton({ slug, className = btnPrimary }: { slug: string; className?: string }) {
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
            const r = await startAttemptAction({ slug, mode: "mistakes" }).catch(() => null);
            if (r?.ok) router.push(`/questions/${slug}/quiz`);
            else setError(r?.error ?? "Could not reach the server; try again.");
          })
        }
      >
        Retry my mistakes
      </button>
      {error && (
        <span role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </span>
      )}
    </span>
  );
}
