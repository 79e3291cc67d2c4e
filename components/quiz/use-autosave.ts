"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveAnswersAction } from "@/server/actions/quiz";
import { callAction } from "@/components/ui/use-server-action";

/**
 * Debounced autosave of answers with the attempt's version (compare-and-set on the server): one save
 * in flight at a time, each with the version the previous one returned. A network failure keeps the
 * batch and retries (and retries as soon as the browser is back online); a conflict (another tab saved,
 * or the attempt was submitted) stops saving and asks for a reload rather than overwrite newer answers.
 */
export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "offline" }
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string };

const DEBOUNCE_MS = 700;
const RETRY_MS = 3_000;

export function useAutosave(attemptId: string, initialVersion: number) {
  const version = useRef(initialVersion);
  const pending = useRef(new Map<string, unknown>());
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });

  const schedule = useCallback((ms: number, run: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(run, ms);
  }, []);

  // One function that re-schedules itself (a retry, the next batch): declared inside, so it names itself.
  const flush = useCallback((): Promise<void> => {
    async function run(): Promise<void> {
      if (inFlight.current) return inFlight.current;
      if (stopped.current || pending.current.size === 0) return;
      const batch = new Map(pending.current);
      pending.current.clear();
      const restore = () => {
        for (const [k, v] of batch) if (!pending.current.has(k)) pending.current.set(k, v);
      };
      setStatus({ kind: "saving" });
      inFlight.current = (async () => {
        try {
          const r = await callAction(() => saveAnswersAction({ attemptId, version: version.current, answers: Object.fromEntries(batch) }));
          if (r.ok) {
            version.current = r.data.version;
            setStatus(pending.current.size ? { kind: "saving" } : { kind: "saved" });
          } else if (r.code === "unreachable") {
            restore();
            setStatus({ kind: "offline" });
            schedule(RETRY_MS, () => void run());
          } else if (r.code === "conflict") {
            restore();
            stopped.current = true;
            setStatus({ kind: "conflict", message: r.error });
          } else {
            // An invalid answer would fail again on every retry: report it and drop it.
            setStatus({ kind: "error", message: r.error });
          }
        } finally {
          inFlight.current = null;
        }
      })();
      await inFlight.current;
      if (pending.current.size && !stopped.current) schedule(DEBOUNCE_MS, () => void run());
    }
    return run();
  }, [attemptId, schedule]);

  const queue = useCallback(
    (itemId: string, response: unknown) => {
      if (stopped.current) return;
      pending.current.set(itemId, response);
      setStatus((s) => (s.kind === "offline" ? s : { kind: "saving" }));
      schedule(DEBOUNCE_MS, () => void flush());
    },
    [flush, schedule],
  );

  /**
   * Stop saving (on submit or when time is up), wait for a save already in flight, and return the
   * version the server last confirmed: the submit sends it, so a stale tab's submit is a conflict too.
   */
  const stop = useCallback(async (): Promise<number> => {
    stopped.current = true;
    clearTimeout(timer.current);
    await inFlight.current;
    return version.current;
  }, []);

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(timer.current);
    };
  }, [flush]);

  return { status, queue, stop, flush };
}
