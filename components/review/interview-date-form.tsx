"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setInterviewDateAction } from "@/server/actions/review";
import { callAction } from "@/components/ui/use-server-action";
import { btnQuiet, btnSecondary } from "@/components/ui/styles";

/** The optional interview date: the review schedule tightens so everything comes back before it. */
export function InterviewDateForm({ current }: { current: string | null }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(current ?? "");
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const save = (interviewDate: string | null) =>
    startTransition(async () => {
      const r = await callAction(() => setInterviewDateAction({ interviewDate }));
      setMessage(r.ok ? (interviewDate ? `Interview date set to ${interviewDate}.` : "Interview date cleared.") : r.error);
      if (r.ok) router.refresh();
    });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save(value || null);
      }}
    >
      <label htmlFor={id} className="flex flex-col gap-1 text-sm">
        Interview date (optional)
        <input
          id={id}
          type="date"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="rounded-md border border-slate-400 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <button type="submit" className={btnSecondary} disabled={pending || !value}>
        Save date
      </button>
      {current && (
        <button
          type="button"
          className={btnQuiet}
          disabled={pending}
          onClick={() => {
            setValue("");
            save(null);
          }}
        >
          Clear
        </button>
      )}
      <p role="status" className="w-full text-sm empty:hidden">
        {message}
      </p>
    </form>
  );
}
