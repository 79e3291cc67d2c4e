"use client";

import Link from "next/link";
import { useViewer } from "@/components/layout/session-provider";
import { signOutAction } from "@/server/actions/auth";

export function UserMenu() {
  const { status, viewer } = useViewer();
  if (status === "loading") return <span className="text-sm text-slate-600 dark:text-slate-400">…</span>;
  if (!viewer) {
    return (
      <span className="flex gap-3 text-sm">
        <Link href="/signin" prefetch={false} className="hover:underline">
          Sign in
        </Link>
        <Link href="/signup" prefetch={false} className="rounded-md bg-brand-700 px-2 py-1 text-white hover:bg-brand-600">
          Sign up
        </Link>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-3 text-sm">
      <Link href="/sets" prefetch={false} className="hover:underline">
        Sets
      </Link>
      <span>{viewer.name ?? viewer.email}</span>
      <form action={signOutAction}>
        <button type="submit" className="hover:underline">
          Sign out
        </button>
      </form>
    </span>
  );
}
