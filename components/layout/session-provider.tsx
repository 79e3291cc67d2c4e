"use client";

import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { usePathname } from "next/navigation";

/**
 * Who is signed in, for client components on any page (static pages included). Read from
 * Auth.js's /api/auth/session on load and again after every navigation: signing in or out ends
 * in a server-side redirect, which the client router follows without a full reload.
 */
export type ClientViewer = { id: string; name: string | null; email: string | null };
type ViewerState = { status: "loading" | "signed-in" | "signed-out"; viewer: ClientViewer | null };

const ViewerContext = createContext<ViewerState>({ status: "loading", viewer: null });

export function SessionProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [state, setState] = useState<ViewerState>({ status: "loading", viewer: null });

  const refresh = useCallback(async (signal: AbortSignal) => {
    try {
      const res = await fetch("/api/auth/session", { signal, cache: "no-store" });
      const session = (await res.json()) as { user?: { id?: string; name?: string | null; email?: string | null } } | null;
      const id = session?.user?.id;
      setState(
        id
          ? { status: "signed-in", viewer: { id, name: session.user?.name ?? null, email: session.user?.email ?? null } }
          : { status: "signed-out", viewer: null },
      );
    } catch {
      if (!signal.aborted) setState({ status: "signed-out", viewer: null });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [pathname, refresh]);

  return <ViewerContext.Provider value={state}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
