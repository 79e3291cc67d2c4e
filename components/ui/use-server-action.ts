"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/action-result";

/** The one message for a server action that got no answer. */
export const SERVER_UNREACHABLE = "Could not reach the server; check your connection and try again.";

/**
 * Call a server action and always get an ActionResult back: a network failure (or a server that is down)
 * becomes `{ ok: false, code: "unreachable" }` instead of a rejected promise nobody catches.
 */
export async function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: SERVER_UNREACHABLE, code: "unreachable" };
  }
}

type Handlers<T> = {
  onSuccess?: (data: T) => void;
  /** Runs on any failure; return a message to show instead of the action's own (e.g. a field's message). */
  onFailure?: (failure: ActionFailure) => string | void;
};

/**
 * A server action bound to a component: `run(input)` calls it in a transition, `pending` is true meanwhile,
 * and `error` holds the last failure's message (cleared on the next run). `setError` lets the component
 * report its own checks in the same place.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState("");
  const run = useCallback(
    (input: I, { onSuccess, onFailure }: Handlers<T> = {}) => {
      setError("");
      startTransition(async () => {
        const r = await callAction(() => action(input));
        if (r.ok) onSuccess?.(r.data);
        else setError(onFailure?.(r) || r.error);
      });
    },
    [action],
  );
  return { run, pending, error, setError };
}
