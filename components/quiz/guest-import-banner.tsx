"use client";

import { callAction } from "@/components/ui/use-server-action";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { importGuestDataAction } from "@/server/actions/quiz";
import { btnPrimary } from "@/components/ui/styles";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Offers to move what this browser did as a guest into the signed-in account. The server imports each
 * row once, so a double click or a second tab cannot duplicate anything; the button is also disabled
 * while the import runs.
 */
export function GuestImportBanner({ attempts, selfGrades, labRuns }: { attempts: number; selfGrades: number; labRuns: number }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const parts = [
    attempts && plural(attempts, "quiz attempt"),
    selfGrades && plural(selfGrades, "self-graded answer"),
    labRuns && plural(labRuns, "lab run"),
  ].filter(Boolean);
  // Rendered by the page whether or not anything is left, so the result stays visible after the refresh.
  if (parts.length === 0 && !message) return null;
  return (
    <section aria-label="Done as a guest" className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-600 p-4">
      {parts.length > 0 && <p className="mr-auto">Done as a guest in this browser: {parts.join(", ")}.</p>}
      {parts.length > 0 && (
        <button
          type="button"
          className={btnPrimary}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const r = await callAction(() => importGuestDataAction({}));
              setMessage(
                r.ok
                  ? `Added to your account: ${plural(r.data.attempts, "attempt")}, ${plural(r.data.selfGrades, "self-grade")}, ${plural(r.data.labRuns, "lab run")}` +
                      ` (${plural(r.data.reviewCards, "review card")} scheduled).`
                  : r.error,
              );
              if (r.ok) router.refresh();
            })
          }
        >
          Add them to my account
        </button>
      )}
      <p role="status" className="w-full text-sm empty:hidden">
        {message}
      </p>
    </section>
  );
}
