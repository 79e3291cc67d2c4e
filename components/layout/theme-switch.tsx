"use client";

import { useEffect, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "@/lib/theme-script";

type Theme = "system" | "light" | "dark";
const ORDER: Theme[] = ["system", "light", "dark"];
const LABEL: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

// The stored choice is the store: read on the client, "system" while rendering on the server (no mismatch).
const listeners = new Set<() => void>();
function subscribe(onChange: () => void) {
  listeners.add(onChange);
  return () => void listeners.delete(onChange);
}
function storedTheme(): Theme {
  const stored = localStorage.getItem(THEME_STORAGE_KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** Cycles System → Light → Dark; the choice is kept in localStorage and applied before paint by the theme script. */
export function ThemeSwitch() {
  const theme = useSyncExternalStore(subscribe, storedTheme, () => "system" as const);

  useEffect(() => {
    const media = matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply((localStorage.getItem(THEME_STORAGE_KEY) as Theme | null) ?? "system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  function next() {
    const t = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length]!;
    localStorage.setItem(THEME_STORAGE_KEY, t);
    apply(t);
    for (const onChange of listeners) onChange();
  }

  return (
    <button
      type="button"
      onClick={next}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      aria-label={`Theme: ${LABEL[theme]}. Switch theme`}
    >
      Theme: {LABEL[theme]}
    </button>
  );
}
