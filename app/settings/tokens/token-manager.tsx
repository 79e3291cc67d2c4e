"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ApiTokenDTO } from "@/server/data/api-tokens";
import { createTokenAction, revokeTokenAction } from "@/server/actions/tokens";
import { callAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnQuiet, btnSecondary, muted } from "@/components/ui/styles";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");

/** Create (the secret is shown once, with a Copy button), list and revoke personal API tokens. */
export function TokenManager({ tokens }: { tokens: ApiTokenDTO[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();

  function create(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    startTransition(async () => {
      const r = await callAction(() => createTokenAction({ name }));
      if (!r.ok) return setError(r.fieldErrors?.name ?? r.error);
      setCreated({ name: r.data.info.name, token: r.data.token });
      setCopied(false);
      setName("");
      router.refresh();
    });
  }

  function revoke(id: string) {
    setError("");
    startTransition(async () => {
      const r = await callAction(() => revokeTokenAction({ id }));
      if (!r.ok) setError(r.error);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block font-medium">Token name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            placeholder="e.g. my study script"
            className="w-64 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className={btnPrimary} disabled={pending}>
          Create token
        </button>
      </form>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-emerald-600 p-4">
          <p className="font-medium">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor="new-token">
              New token
            </label>
            <input
              id="new-token"
              readOnly
              value={created.token}
              className="w-full max-w-xl rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
              onFocus={(e) => e.target.select()}
            />
            <button
              type="button"
              className={btnSecondary}
              onClick={() =>
                void navigator.clipboard.writeText(created.token).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
      <section aria-labelledby="your-tokens" className="space-y-2">
        <h2 id="your-tokens" className="text-xl font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className={muted}>None yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
                <span className="font-medium">{t.name}</span>
                <span className={`text-sm ${muted}`}>
                  created {day(t.createdAt)} · last used {day(t.lastUsedAt)}
                  {t.revokedAt ? ` · revoked ${day(t.revokedAt)}` : ""}
                </span>
                {!t.revokedAt && (
                  <button
                    type="button"
                    className={`${btnQuiet} ml-auto`}
                    disabled={pending}
                    onClick={() => revoke(t.id)}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
