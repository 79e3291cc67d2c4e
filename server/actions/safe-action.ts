import "server-only";
import { z } from "zod";
import { getViewer, type Viewer } from "@/server/auth";
import { DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";
import { isDatabaseUnavailable } from "@/server/availability";
import { fieldErrorsOf } from "@/lib/schemas/common";
import type { ActionResult } from "@/lib/action-result";
import { currentActor, type QuizActor } from "@/server/data/quiz-actor";

/**
 * The one wrapper for server actions: validate the input with zod (unknown keys stripped),
 * require a signed-in user, run the data-layer call (which authorises), and map every failure
 * to a clear message. Unexpected errors are logged with an id and never shown to the user.
 */

function invalid(error: z.ZodError): ActionResult<never> {
  return { ok: false, error: "The request was not valid.", fieldErrors: fieldErrorsOf(error) };
}

async function run<T>(who: string, fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (e instanceof DataError) return { ok: false, error: e.message, code: e.code };
    if (isDatabaseUnavailable(e))
      return { ok: false, error: "The service is temporarily unavailable. Nothing was saved; try again in a few seconds." };
    const errorId = crypto.randomUUID();
    logEvent("action.error", { errorId, actor: who, message: (e as Error).message });
    return { ok: false, error: `Something went wrong on our side (error ${errorId.slice(0, 8)}). Nothing was saved; try again.` };
  }
}

/** An action for signed-in users only. */
export function authedAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, viewer: Viewer) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const viewer = await getViewer();
    if (!viewer) return { ok: false, error: "Sign in to continue." };
    return run(viewer.id, () => fn(parsed.data, viewer));
  };
}

/**
 * An action a guest may take too (quizzes): the actor is the signed-in user or this browser's guest
 * key. `createGuest` lets the action give a new browser its guest cookie (only starting an attempt does).
 */
export function actorAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, actor: QuizActor) => Promise<T>,
  { createGuest = false } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const actor = await currentActor({ create: createGuest });
    if (!actor) return { ok: false, error: "Start the quiz first." };
    return run(actor.kind === "user" ? actor.userId : "guest", () => fn(parsed.data, actor));
  };
}
