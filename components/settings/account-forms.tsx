"use client";

import { useId, useState, useTransition } from "react";
import { changePasswordAction, deleteAccountAction, signOutEverywhereAction } from "@/server/actions/account";
import { callAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnSecondary } from "@/components/ui/styles";

const input = "w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900";

/** Change the password (the current one is asked for when the account has one). Other sessions end. */
export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        startTransition(async () => {
          const r = await callAction(() =>
            changePasswordAction({
              currentPassword: data.get("currentPassword") ?? "",
              newPassword: data.get("newPassword") ?? "",
            }),
          );
          if (r.ok) form.reset();
          const ended = r.ok ? r.data.endedSessions : 0;
          setMessage(
            r.ok
              ? { ok: true, text: `Password changed. ${ended} other session${ended === 1 ? "" : "s"} ended; this one stays signed in.` }
              : { ok: false, text: r.error },
          );
        });
      }}
    >
      {hasPassword && (
        <div className="space-y-1">
          <label htmlFor={`${id}-cur`} className="block font-medium">
            Current password
          </label>
          <input id={`${id}-cur`} name="currentPassword" type="password" autoComplete="current-password" required className={input} />
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-new`} className="block font-medium">
          New password
        </label>
        <input
          id={`${id}-new`}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-describedby={`${id}-hint`}
          className={input}
        />
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          At least 8 characters; a long passphrase is best.
        </p>
      </div>
      <button type="submit" className={btnPrimary} disabled={pending}>
        Change password
      </button>
      <p role="status" className={`text-sm empty:hidden ${message?.ok === false ? "text-rose-700 dark:text-rose-300" : ""}`}>
        {message?.text}
      </p>
    </form>
  );
}

/** End every session of the account, this one too. */
export function SignOutEverywhereButton() {
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={btnSecondary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await callAction(() => signOutEverywhereAction({}));
            if (r.ok) window.location.assign("/signin");
            else setError(r.error);
          })
        }
      >
        Sign out everywhere
      </button>
      <p role="alert" className="text-sm text-rose-700 empty:hidden dark:text-rose-300">
        {error}
      </p>
    </div>
  );
}

/** Delete the account: the email must be typed again, then everything goes at once. */
export function DeleteAccountForm({ email }: { email: string }) {
  const id = useId();
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const matches = confirm.trim().toLowerCase() === email.toLowerCase();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await callAction(() => deleteAccountAction({ confirm }));
          if (r.ok) window.location.assign("/?deleted=1");
          else setError(r.error);
        });
      }}
    >
      <div className="space-y-1">
        <label htmlFor={id} className="block font-medium">
          Type your email address to confirm
        </label>
        <input id={id} type="email" autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} className={input} />
      </div>
      <button
        type="submit"
        disabled={pending || !matches}
        className="rounded-md bg-rose-700 px-4 py-2 font-medium text-white hover:bg-rose-600 disabled:opacity-60"
      >
        Delete my account and all its data
      </button>
      <p role="alert" className="text-sm text-rose-700 empty:hidden dark:text-rose-300">
        {error}
      </p>
    </form>
  );
}
