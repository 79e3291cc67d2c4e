"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { importGuestAttemptsAction } from "@/server/actions/quiz";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary } from "@/components/ui/styles";

/** Offers to move the quiz attempts this browser made as a guest into the signed-in account. */
export function GuestImportBanner({ count }: { count: number }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const { run, pending, error } = useServerAction(importGuestAttemptsAction);
  return (
    <section aria-label="Guest quiz attempts" className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-600 p-4">
      <p className="mr-auto">
        {count} quiz attempt{count === 1 ? "" : "s"} taken as a guest in this browser.
      </p>
      <button
        type="button"
        className={btnPrimary}
        disabled={pending}
        onClick={() => {
          setMessage("");
          run(
            {},
            {
              onSuccess: ({ imported }) => {
                setMessage(`Added ${imported} attempt(s) to your account.`);
                router.refresh();
              },
            },
          );
        }}
      >
        Add them to my account
      </button>
      <p role="status" className="w-full text-sm empty:hidden">
        {message || error}
      </p>
    </section>
  );
}
