import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";
import { THEME_SCRIPT } from "@/lib/theme-script";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { UserMenu } from "@/components/layout/user-menu";
import { SessionProvider } from "@/components/layout/session-provider";

export const metadata: Metadata = {
  title: { default: "Layerwise — ML interview prep", template: "%s · Layerwise" },
  description: "Official machine-learning interview questions with their answers, graded quizzes and an in-browser freeze-layers lab.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Constant script allowed by hash in the CSP (lib/csp.ts); sets the theme before first paint. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <SessionProvider>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
          >
            Skip to content
          </a>
          <header className="border-b border-slate-200 dark:border-slate-800">
            <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
              <Link href="/" className="text-lg font-bold tracking-tight">
                Layerwise
              </Link>
              <Link href="/questions" className="hover:underline">
                Questions
              </Link>
              {/* prefetch off: the lab pulls in TensorFlow.js, which no other page should load. */}
              <Link href="/lab" prefetch={false} className="hover:underline">
                Lab
              </Link>
              <Link href="/dashboard" prefetch={false} className="hover:underline">
                Dashboard
              </Link>
              <div className="ml-auto flex items-center gap-3">
                <ThemeSwitch />
                <UserMenu />
              </div>
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-5xl px-4 py-8">
            {children}
          </main>
          <footer className="mx-auto max-w-5xl px-4 py-8 text-sm text-slate-600 dark:text-slate-400">
            Official answers are shown verbatim from their source; everything marked “written for Layerwise” is ours.
          </footer>
        </SessionProvider>
      </body>
    </html>
  );
}
