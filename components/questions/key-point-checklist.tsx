"use client";

import { useEffect, useId, useState, useTransition, type ReactNode } from "react";
import { useViewer } from "@/components/layout/session-provider";
import { callAction } from "@/components/ui/use-server-action";
import { saveSelfGradeAction, getSelfGradeAction } from "@/server/actions/progress";

// Where earlier versions kept a guest's ticks; moved to the server on first load so sign-up can import them.
const legacyKey = (slug: string) => `layerwise-selfgrade:${slug}`;

/**
 * The candidate ticks the key points their own answer covered, stored on the server: a signed-in user's
 * with the account, a guest's under this browser's guest cookie (imported on sign-up).
 */
export function KeyPointChecklist({ slug, keyPoints }: { slug: string; keyPoints: ReactNode[] }) {
  const { status, viewer } = useViewer();
  const signedIn = Boolean(viewer);
  const [hits, setHits] = useState<number[]>([]);
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const id = useId();

  useEffect(() => {
    if (status === "loading") return;
    void callAction(() => getSelfGradeAction({ slug })).then((r) => {
      if (r.ok && r.data) return setHits(r.data.keyPointsHit);
      if (signedIn) return;
      let legacy: unknown = null;
      try {
        legacy = JSON.parse(localStorage.getItem(legacyKey(slug)) ?? "null");
      } catch {
        /* ignore a corrupt entry */
      }
      if (!Array.isArray(legacy)) return;
      const ticked = legacy.filter((n): n is number => Number.isInteger(n) && n >= 0 && n < keyPoints.length);
      setHits(ticked);
      void callAction(() => saveSelfGradeAction({ slug, keyPointsHit: ticked })).then(
        (s) => s.ok && localStorage.removeItem(legacyKey(slug)),
      );
    });
  }, [slug, signedIn, status, keyPoints.length]);

  // A link to `#key-point-N` (from a quiz review) opens the collapsed answer and scrolls to that key point.
  useEffect(() => {
    const reveal = () => {
      const target = /^#key-point-\d+$/.test(window.location.hash) ? document.getElementById(window.location.hash.slice(1)) : null;
      if (!target) return;
      const details = target.closest("details");
      if (details) details.open = true;
      target.scrollIntoView({ block: "center" });
      target.querySelector("input")?.focus({ preventScroll: true });
    };
    reveal();
    window.addEventListener("hashchange", reveal);
    return () => window.removeEventListener("hashchange", reveal);
  }, []);

  function toggle(i: number) {
    const next = hits.includes(i) ? hits.filter((h) => h !== i) : [...hits, i].sort((a, b) => a - b);
    setHits(next);
    startTransition(async () => {
      const r = await callAction(() => saveSelfGradeAction({ slug, keyPointsHit: next }));
      const where = signedIn ? "" : " (as a guest in this browser: sign up to keep it, it is imported)";
      setMessage(r.ok ? `Saved${where}: ${next.length} of ${keyPoints.length} key points.` : r.error);
    });
  }

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-status`}>
      <legend className="sr-only">Key points your answer covered</legend>
      {keyPoints.map((kp, i) => (
        <label
          key={i}
          id={`key-point-${i}`}
          className="flex scroll-mt-24 items-start gap-3 rounded-md p-1 target:ring-2 target:ring-brand-600 hover:bg-slate-50 dark:hover:bg-slate-900"
        >
          <input type="checkbox" className="mt-1.5 size-4" checked={hits.includes(i)} onChange={() => toggle(i)} />
          <div>{kp}</div>
        </label>
      ))}
      <p id={`${id}-status`} role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {pending ? "Saving…" : message}
      </p>
    </fieldset>
  );
}
