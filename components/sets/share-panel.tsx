"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { deleteSetAction, revokeShareLinkAction, shareLinkAction } from "@/server/actions/sets";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnSecondary, muted } from "@/components/ui/styles";

/** The set's one share link: made (or regenerated) here and shown once; revoking refuses it from the next visit. */
export function SharePanel({ setId, link }: { setId: string; link: { createdAt: string } | null }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const share = useServerAction(shareLinkAction);
  const revoke = useServerAction(revokeShareLinkAction);
  const remove = useServerAction(deleteSetAction);
  return (
    <section aria-labelledby="share-h" className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id="share-h" className="text-xl font-semibold">
        Share link
      </h2>
      <p className={muted}>
        {link
          ? `A link is live (made ${link.createdAt.slice(0, 16).replace("T", " ")} UTC).`
          : "No live link: candidates cannot open this set."}{" "}
        Making a new link revokes the old one.
      </p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={btnPrimary}
          disabled={share.pending}
          onClick={() =>
            share.run({ id: setId }, { onSuccess: (d) => (setUrl(new URL(d.path, window.location.origin).toString()), router.refresh()) })
          }
        >
          {link ? "Make a new link" : "Make a share link"}
        </button>
        {link && (
          <button
            type="button"
            className={btnSecondary}
            disabled={revoke.pending}
            onClick={() => revoke.run({ id: setId }, { onSuccess: () => (setUrl(""), router.refresh()) })}
          >
            Revoke the link
          </button>
        )}
      </div>
      {url && (
        <div role="status" className="space-y-1">
          <p className="font-medium">Copy it now: it is shown only once.</p>
          <label className="block">
            <span className="sr-only">Share link</span>
            <input
              readOnly
              value={url}
              className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm dark:bg-slate-900"
              onFocus={(e) => e.target.select()}
              data-testid="share-url"
            />
          </label>
        </div>
      )}
      {(share.error || revoke.error || remove.error) && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {share.error || revoke.error || remove.error}
        </p>
      )}
      <details>
        <summary className="cursor-pointer">Delete this set</summary>
        <p className={muted}>Deletes the set, its link and its results. Candidates keep their own attempts.</p>
        <button
          type="button"
          className={btnSecondary}
          disabled={remove.pending}
          onClick={() => remove.run({ id: setId }, { onSuccess: () => router.push("/sets") })}
        >
          Delete the set
        </button>
      </details>
    </section>
  );
}
