"use client";

import type { SaveStatus } from "@/components/quiz/use-autosave";
import { btnSecondary } from "@/components/ui/styles";

/** The autosave state in words (never colour alone); a conflict offers a reload, which loses nothing saved. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  if (status.kind === "conflict" || status.kind === "error") {
    return (
      <div role="alert" className="flex flex-wrap items-center gap-2 text-rose-700 dark:text-rose-300">
        <span>{status.message}</span>
        {status.kind === "conflict" && (
          <button type="button" className={`${btnSecondary} text-sm`} onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
      </div>
    );
  }
  const text = { idle: "All answers saved", saving: "Saving…", saved: "Saved", offline: "Offline — will retry" }[status.kind];
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {text}
    </p>
  );
}
