"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { gradeFreeTextAction } from "@/server/actions/sets";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnSecondary, muted } from "@/components/ui/styles";

/** The owner ticks the rubric points a candidate's free-text answer covers; the server recomputes the score. */
export function FreeTextGrade({
  setId,
  attemptId,
  itemId,
  rubric,
  graded,
}: {
  setId: string;
  attemptId: string;
  itemId: string;
  rubric: { text: string; ticked: boolean }[];
  graded: boolean;
}) {
  const router = useRouter();
  const [ticked, setTicked] = useState(() => rubric.map((r) => r.ticked));
  const [done, setDone] = useState("");
  const grade = useServerAction(gradeFreeTextAction);
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setDone("");
    const points = ticked.flatMap((t, i) => (t ? [i] : []));
    grade.run(
      { id: setId, attemptId, itemId, ticked: points },
      {
        onSuccess: (r) => {
          setDone(`Graded: ${points.length} of ${rubric.length} points; score now ${r.score}.`);
          router.refresh();
        },
      },
    );
  };
  return (
    <form onSubmit={save} className="space-y-1" aria-label={`Grade the answer to ${itemId}`}>
      <fieldset>
        <legend className="text-sm font-medium">
          {graded ? "Your grade (change it if needed)" : "Not graded yet: tick the points the answer covers"}
        </legend>
        {rubric.map((r, i) => (
          <label key={i} className="flex items-center gap-2 py-1 text-sm">
            <input
              type="checkbox"
              className="size-6 shrink-0"
              checked={ticked[i] ?? false}
              onChange={(e) => setTicked(ticked.map((t, j) => (j === i ? e.target.checked : t)))}
            />
            <span>{r.text}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className={btnSecondary} disabled={grade.pending}>
        Save the grade
      </button>
      {done && (
        <p role="status" className={`text-sm ${muted}`}>
          {done}
        </p>
      )}
      {grade.error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {grade.error}
        </p>
      )}
    </form>
  );
}
