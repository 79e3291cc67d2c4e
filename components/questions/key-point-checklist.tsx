"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { useViewer } from "@/components/layout/session-provider";
import { saveSelfGradeAction, getSelfGradeAction } from "@/server/actions/progress";
import { callAction } from "@/components/ui/use-server-action";

const storageKey = (slug: string) => `layerwise-selfgrade:${slug}`;

/**
 * The candidate ticks the key points their own answer covered. Signed in: stored on the server
 * (and loaded back). Guest: kept in this browser.
 */
export function KeyPointChecklist({ slug, keyPoints }: { slug: string; keyPoints: string[] }) {
  const { status, viewer } = useViewer();
  const signedIn = Boolean(viewer);
  const [hits, setHits] = useState<number[]>([]);
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const id = useId();

  useEffect(() => {
    if (status === "loading") return;
    if (signedIn) {
      void callAction(() => getSelfGradeAction({ slug })).then((r) => {
        if (r.ok && r.data) setHits(r.data.keyPointsHit);
      });
    } else {
      try {
        const stored = JSON.parse(localStorage.getItem(storageKey(slug)) ?? "[]");
        if (Array.isArray(stored)) setHits(stored.filter((n) => Number.isInteger(n)));
      } catch {
        /* ignore a corrupt entry */
      }
    }
  }, [slug, signedIn, status]);

  function toggle(i: number) {
    const next = hits.includes(i) ? hits.filter((h) => h !== i) : [...hits, i].sort((a, b) => a - b);
    setHits(next);
    if (!signedIn) {
      localStorage.setItem(storageKey(slug), JSON.stringify(next));
      setMessage(`Saved in this browser: ${next.length} of ${keyPoints.length}. Sign in to keep it with your progress.`);
      return;
    }
    startTransition(async () => {
      const r = await callAction(() => saveSelfGradeAction({ slug, keyPointsHit: next }));
      setMessage(r.ok ? `Saved: ${next.length} of ${keyPoints.length} key points.` : r.error);
    });
  }

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-status`}>
      <legend className="sr-only">Key points your answer covered</legend>
      {keyPoints.map((kp, i) => (
        <label key={i} className="flex items-start gap-3 rounded-md p-1 hover:bg-slate-50 dark:hover:bg-slate-900">
          <input type="checkbox" className="mt-1.5 size-4" checked={hits.includes(i)} onChange={() => toggle(i)} />
          <span>{kp}</span>
        </label>
      ))}
      <p id={`${id}-status`} role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {pending ? "Saving…" : message}
      </p>
    </fieldset>
  );
}
