"use client";

import { useId, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { selfGradeAction } from "@/server/actions/quiz";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary, muted } from "@/components/ui/styles";

/**
 * The rubric of a free-text item: while `open` the candidate ticks the points their answer covers and
 * grades it once (stored as a self-grade, never as machine-checked); afterwards it shows what was ticked.
 */
export function SelfGradeForm({
  attemptId,
  itemId,
  rubric,
  open,
}: {
  attemptId: string;
  itemId: string;
  rubric: { label: ReactNode; ticked: boolean }[];
  open: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [ticked, setTicked] = useState<number[]>(rubric.flatMap((r, i) => (r.ticked ? [i] : [])));
  const { run, pending, error } = useServerAction(selfGradeAction);

  function grade() {
    run({ attemptId, itemId, ticked }, { onSuccess: () => router.refresh() });
  }

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-help`}>
      <legend className="font-semibold">Rubric</legend>
      <p id={`${id}-help`} className={`text-sm ${muted}`}>
        {open
          ? "Tick each point your answer covers, then grade it. You can grade it once."
          : "The points you ticked count towards your score."}
      </p>
      {rubric.map((r, i) => (
        <label key={i} className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-1.5 size-4"
            checked={ticked.includes(i)}
            disabled={!open || pending}
            onChange={(e) => setTicked(e.target.checked ? [...ticked, i].sort((a, b) => a - b) : ticked.filter((t) => t !== i))}
          />
          <span>{r.label}</span>
        </label>
      ))}
      {open && (
        <button type="button" className={btnPrimary} disabled={pending} onClick={grade}>
          Grade my answer
        </button>
      )}
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </fieldset>
  );
}
