"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { startAttemptAction } from "@/server/actions/quiz";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnSecondary, muted } from "@/components/ui/styles";

/**
 * Starts an attempt: the whole quiz, or only the items the candidate has not yet got right. Starting
 * is a server action (it gives a guest browser its cookie); the page then re-renders with the attempt.
 */
export function StartPanel({ slug, itemCount, mistakeCount }: { slug: string; itemCount: number; mistakeCount: number }) {
  const router = useRouter();
  const id = useId();
  const [minutes, setMinutes] = useState("");
  const { run, pending, error, setError } = useServerAction(startAttemptAction);

  function start(mode: "full" | "mistakes") {
    setError("");
    const limit = minutes.trim() === "" ? undefined : Number(minutes);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 180)) {
      setError("The time limit is a whole number of minutes from 1 to 180, or empty for no limit.");
      return;
    }
    run({ slug, mode, ...(limit ? { timeLimitMinutes: limit } : {}) }, { onSuccess: () => router.refresh() });
  }

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id={`${id}-h`} className="text-xl font-semibold">
        Start the quiz
      </h2>
      <p>
        {itemCount} questions, each worth 1 point. Multiple choice gives partial credit (each right tick adds, each wrong tick takes away,
        never below 0); ordering counts the pairs you put in the right order; free-text answers you grade yourself against a rubric after
        submitting. Grading happens on the server when you submit; then you see why each option is right or wrong.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block font-medium">Time limit in minutes (optional)</span>
          <input
            type="number"
            min={1}
            max={180}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-describedby={`${id}-time`}
            className="w-32 rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button type="button" className={btnPrimary} disabled={pending} onClick={() => start("full")}>
          Start full quiz
        </button>
        {mistakeCount > 0 && (
          <button type="button" className={btnSecondary} disabled={pending} onClick={() => start("mistakes")}>
            Retry my mistakes ({mistakeCount})
          </button>
        )}
      </div>
      <p id={`${id}-time`} className={`text-sm ${muted}`}>
        With a limit, the server&apos;s clock decides: answers saved after the deadline do not count, and the quiz submits itself when the
        time runs out. Leave it empty to take your time.
      </p>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </section>
  );
}
