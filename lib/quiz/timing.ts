/**
 * Server-authoritative timing for timed attempts (docs/QUALITY.md Q8). Pure: the caller passes the server's
 * clock reading, so tests pin every boundary and the browser's clock never decides anything.
 * Model (Moodle's timeup + grace period): answers count until the deadline; a submit that arrives in
 * the grace period after it still closes the attempt normally (it covers network latency), but any
 * answer saved after the deadline is not counted; after deadline + grace the attempt is overdue.
 */

/** Default grace for a submit in flight when the clock runs out. */
export const DEFAULT_GRACE_MS = 5_000;

export type TimeLimit = {
  startedAt: Date;
  /** The quiz's time limit, or null for an untimed attempt. */
  limitMs: number | null;
  /** Extra time granted to this candidate (accessibility, WCAG 2.2.1), added to the limit. */
  extraMs?: number;
};

/** The deadline of an attempt: startedAt + limit + extra time, or null when untimed. Throws on a nonsensical limit. */
export function deadlineFor({ startedAt, limitMs, extraMs = 0 }: TimeLimit): Date | null {
  if (limitMs === null) return null;
  for (const [name, v] of [
    ["limitMs", limitMs],
    ["extraMs", extraMs],
  ] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0: ${v}`);
  }
  if (Number.isNaN(startedAt.getTime())) throw new RangeError("startedAt is an invalid date");
  return new Date(startedAt.getTime() + limitMs + extraMs);
}

/**
 * Where a moment falls relative to the deadline. `open`: answers may be saved and the attempt submitted.
 * `grace`: only a submit is accepted, and answers saved now don't count. `closed`: overdue.
 * Both boundaries are inclusive (at exactly the deadline answers still count). An invalid date is `closed`.
 */
export function deadlineWindow(at: Date, deadline: Date | null, graceMs: number = DEFAULT_GRACE_MS): "open" | "grace" | "closed" {
  if (deadline === null) return "open";
  const t = at.getTime();
  const d = deadline.getTime();
  if (Number.isNaN(t) || Number.isNaN(d) || !(graceMs >= 0)) return "closed";
  if (t <= d) return "open";
  return t <= d + graceMs ? "grace" : "closed";
}

/** Whether a submit at `submittedAt` is accepted (deadline + grace, inclusive). Untimed attempts always are. */
export function isWithinDeadline(submittedAt: Date, deadline: Date | null, graceMs: number = DEFAULT_GRACE_MS): boolean {
  return deadlineWindow(submittedAt, deadline, graceMs) !== "closed";
}

/** Whether an answer saved at `savedAt` counts: only up to the deadline itself, never in the grace period. */
export function isAnswerCounted(savedAt: Date, deadline: Date | null): boolean {
  return deadlineWindow(savedAt, deadline, 0) === "open";
}

/** Milliseconds left for the display timer (0 once past), or null when untimed. Display only. */
export function remainingMs(now: Date, deadline: Date | null): number | null {
  if (deadline === null) return null;
  return Math.max(0, deadline.getTime() - now.getTime());
}
