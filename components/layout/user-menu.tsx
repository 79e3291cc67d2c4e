"use client";

import Link from "next/link";
import { useSession } from "next-auth/react";
import { signOutAction } from "@/server/actions/auth";

export function UserMenu() {
  const { data, status } = useSession();
  if (status === "loading") return <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">…</span>;
  if (!data?.user?.id) {
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
      <span aria-label="Signed in as">{data.user.name ?? data.user.email}</span>
      <form action={signOutAction}>
        <button type="submit" className="hover:underline">
          Sign out
        </button>
      </form>
    </span>
  );
}
