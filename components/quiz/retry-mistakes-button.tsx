"use client";

import { useRouter } from "next/navigation";
import { startAttemptAction } from "@/server/actions/quiz";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary } from "@/components/ui/styles";

/**
 * Starts an attempt of the items not yet right (across attempts) — or, with mode "review", of the items
 * due in the review queue — and opens it.
 */
export function RetryMistakesButton({
  slug,
  className = btnPrimary,
  mode = "mistakes",
  label = "Retry my mistakes",
}: {
  slug: string;
  className?: string;
  mode?: "mistakes" | "review";
  label?: string;
}) {
  const router = useRouter();
  const { run, pending, error } = useServerAction(startAttemptAction);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() => run({ slug, mode }, { onSuccess: () => router.push(`/questions/${slug}/quiz`) })}
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
