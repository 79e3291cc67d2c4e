"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";

/**
 * The display timer of a timed attempt. The server's clock decides what counts (answers after the
 * deadline are ignored there); this only shows the time left, corrected for a skewed browser clock:
 * offset = serverNow − Date.now() when the page loaded. At 0 it calls `onExpire` once.
 */
export function QuizTimer({ deadline, serverNow, onExpire }: { deadline: string; serverNow: string; onExpire: () => void }) {
  const offset = useRef<number | null>(null);
  const fired = useRef(false);
  const [left, setLeft] = useState<number | null>(null);
  const expire = useEffectEvent(onExpire);

  useEffect(() => {
    offset.current ??= Date.parse(serverNow) - Date.now();
    const end = Date.parse(deadline);
    const tick = () => {
      const ms = Math.max(0, end - (Date.now() + (offset.current ?? 0)));
      setLeft(ms);
      if (ms === 0 && !fired.current) {
        fired.current = true;
        expire();
      }
    };
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
  }, [deadline, serverNow]);

  const seconds = left === null ? null : Math.ceil(left / 1000);
  const text = seconds === null ? "--:--" : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  const low = seconds !== null && seconds <= 60;
  return (
    <p className={`font-mono tabular-nums ${low ? "font-bold text-rose-700 dark:text-rose-300" : ""}`}>
      <span className="sr-only">Time left: </span>
      <span role="timer" aria-live="off">
        {text}
      </span>
      {/* Screen readers hear the two moments that matter, not every second. */}
      <span className="sr-only" aria-live="polite">
        {seconds === 0 ? "Time is up." : low && seconds > 55 ? "One minute left." : ""}
      </span>
    </p>
  );
}
