"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { startSetAttemptAction } from "@/server/actions/sets";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary } from "@/components/ui/styles";

const input = "w-80 max-w-full rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

/** Start (or resume) the attempt; a guest gives a name and an email first. Everything else is the set's. */
export function SetStartForm({ guest, resume }: { guest: boolean; resume: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const { run, pending, error } = useServerAction(startSetAttemptAction);
  function start(e: React.FormEvent) {
    e.preventDefault();
    run(guest && !resume ? { candidate: { name, email } } : {}, { onSuccess: () => router.refresh() });
  }
  return (
    <form onSubmit={start} className="space-y-4" aria-label="Start the set">
      {guest && !resume && (
        <>
          <label className="block space-y-1">
            <span className="block font-medium">Your name</span>
            <input className={input} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoComplete="name" />
          </label>
          <label className="block space-y-1">
            <span className="block font-medium">Your email</span>
            <input
              className={input}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              maxLength={320}
              autoComplete="email"
            />
          </label>
        </>
      )}
      <button type="submit" className={btnPrimary} disabled={pending}>
        {resume ? "Continue my attempt" : "Start"}
      </button>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
