"use client";

import { createContext, useContext, useEffect, useState } from "react";
import { usePathname } from "next/navigation";

/**
 * Who is signed in, for client components on any page (static pages included). Read from
 * Auth.js's /api/auth/session on load and again after every navigation: signing in or out ends
 * in a server-side redirect, which the client router follows without a full reload.
 */
export type ClientViewer = { id: string; name: string | null; email: string | null };
type ViewerState = { status: "loading" | "signed-in" | "signed-out"; viewer: ClientViewer | null };

const ViewerContext = createContext<ViewerState>({ status: "loading", viewer: null });

/** The session as the server sees it now; null when the request was aborted (a newer navigation asks again). */
async function loadViewer(signal: AbortSignal): Promise<ViewerState | null> {
  try {
    const res = await fetch("/api/auth/session", { signal, cache: "no-store" });
    const session = (await res.json()) as { user?: { id?: string; name?: string | null; email?: string | null } } | null;
    const id = session?.user?.id;
    return id
      ? { status: "signed-in", viewer: { id, name: session.user?.name ?? null, email: session.user?.email ?? null } }
      : { status: "signed-out", viewer: null };
  } catch {
    return signal.aborted ? null : { status: "signed-out", viewer: null };
  }
}

export function SessionProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [state, setState] = useState<ViewerState>({ status: "loading", viewer: null });

  useEffect(() => {
    const controller = new AbortController();
    void loadViewer(controller.signal).then((next) => {
      if (next) setState(next);
    });
    return () => controller.abort();
  }, [pathname]);

  return <ViewerContext.Provider value={state}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
