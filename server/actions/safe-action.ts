import "server-only";
import { z } from "zod";
import { getViewer, type Viewer } from "@/server/auth";
import { DataError } from "@/server/data/errors";
import { logEvent } from "@/server/log";

/**
 * The one wrapper for server actions: validate the input with zod (unknown keys stripped),
 * require a signed-in user, run the data-layer call (which authorises), and map every failure
 * to a clear message. Unexpected errors are logged with an id and never shown to the user.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function authedAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, viewer: Viewer) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[i.path.join(".") || "input"] ??= i.message;
      return { ok: false, error: "The request was not valid.", fieldErrors };
    }
    const viewer = await getViewer();
    if (!viewer) return { ok: false, error: "Sign in to continue." };
    try {
      return { ok: true, data: await fn(parsed.data, viewer) };
    } catch (e) {
      if (e instanceof DataError) return { ok: false, error: e.message };
      const errorId = crypto.randomUUID();
      logEvent("action.error", { errorId, userId: viewer.id, message: (e as Error).message });
      return { ok: false, error: `Something went wrong on our side (error ${errorId.slice(0, 8)}). Nothing was saved; try again.` };
    }
  };
}
