"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { importGuestAttemptsAction } from "@/server/actions/quiz";
import { btnPrimary } from "@/components/quiz/styles";

/** Offers to move the quiz attempts this browser made as a guest into the signed-in account. */
export function GuestImportBanner({ count }: { count: number }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <section aria-label="Guest quiz attempts" className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-600 p-4">
      <p className="mr-auto">
        {count} quiz attempt{count === 1 ? "" : "s"} taken as a guest in this browser.
      </p>
      <button
        type="button"
        className={btnPrimary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await importGuestAttemptsAction({}).catch(() => null);
            setMessage(r?.ok ? `Added ${r.data.imported} attempt(s) to your account.` : (r?.error ?? "Could not reach the server; try again."));
            if (r?.ok) router.refresh();
          })
        }
      >
        Add them to my account
      </button>
      <p role="status" className="w-full text-sm empty:hidden">
        {message}
      </p>
    </section>
  );
}
