// The shared class lists of buttons, links and muted text (Tailwind utilities; globals.css belongs to the layout).
export const btnPrimary =
  "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60 dark:bg-brand-300 dark:text-slate-950 dark:hover:bg-brand-50";
export const btnSecondary =
  "rounded-md border border-slate-400 px-4 py-2 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";
export const btnQuiet =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";
export const link = "text-brand-700 underline dark:text-brand-300";
export const muted = "text-slate-600 dark:text-slate-400";
