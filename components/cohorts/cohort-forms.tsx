"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import {
  createAssignmentAction,
  createCohortAction,
  createInviteAction,
  joinByCodeAction,
  joinByTokenAction,
  revokeInviteAction,
} from "@/server/actions/cohorts";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnQuiet, btnSecondary, muted } from "@/components/ui/styles";

const input = "w-full rounded-md border border-slate-400 bg-white px-3 py-2 dark:bg-slate-900";
const label = "block space-y-1";

function Problem({ error }: { error: string }) {
  return error ? (
    <p role="alert" className="text-rose-700 dark:text-rose-300">
      {error}
    </p>
  ) : null;
}

/** Anyone signed in makes a cohort and becomes its owner. */
export function CreateCohortForm() {
  const router = useRouter();
  const create = useServerAction(createCohortAction);
  const [title, setTitle] = useState("");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.run({ title }, { onSuccess: (c) => router.push(`/cohorts/${c.id}`) });
      }}
    >
      <label className={label}>
        <span>Cohort name</span>
        <input className={input} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>
      <button type="submit" className={btnPrimary} disabled={create.pending}>
        Create the cohort
      </button>
      <Problem error={create.error} />
    </form>
  );
}

/** Join with the short code an instructor gave out (unknown codes are rate-limited on the server). */
export function JoinCodeForm() {
  const router = useRouter();
  const join = useServerAction(joinByCodeAction);
  const [code, setCode] = useState("");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        join.run({ code }, { onSuccess: (r) => router.push(`/cohorts/${r.cohortId}`) });
      }}
    >
      <label className={label}>
        <span>Invite code</span>
        <input
          className={`${input} font-mono`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          maxLength={32}
          autoComplete="off"
        />
      </label>
      <button type="submit" className={btnSecondary} disabled={join.pending}>
        Join the cohort
      </button>
      <Problem error={join.error} />
    </form>
  );
}

/** The join link's landing page: joining is one deliberate click (a link preview never joins anyone). */
export function JoinLinkButton({ token }: { token: string }) {
  const router = useRouter();
  const join = useServerAction(joinByTokenAction);
  return (
    <div className="space-y-3">
      <button
        type="button"
        className={btnPrimary}
        disabled={join.pending}
        onClick={() => join.run({ token }, { onSuccess: (r) => router.replace(`/cohorts/${r.cohortId}`) })}
      >
        Join the cohort
      </button>
      <Problem error={join.error} />
    </div>
  );
}

export type InviteRow = {
  id: string;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
};

/** Invites: a join link and a short code, shown once; optional expiry and use limit; revocable. */
export function InvitePanel({ cohortId, invites }: { cohortId: string; invites: InviteRow[] }) {
  const router = useRouter();
  const create = useServerAction(createInviteAction);
  const revoke = useServerAction(revokeInviteAction);
  const [made, setMade] = useState<{ url: string; code: string } | null>(null);
  const [maxUses, setMaxUses] = useState("");
  const [days, setDays] = useState("");
  return (
    <section aria-labelledby="invites-h" className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id="invites-h" className="text-xl font-semibold">
        Invites
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(maxUses);
          const d = Number(days);
          create.run(
            {
              cohortId,
              ...(maxUses && n > 0 ? { maxUses: Math.floor(n) } : {}),
              ...(days && d > 0 ? { expiresAt: new Date(Date.now() + d * 86_400_000).toISOString() } : {}),
            },
            {
              onSuccess: (r) => {
                setMade({ url: new URL(`/cohorts/join/${r.token}`, window.location.origin).toString(), code: r.code });
                router.refresh();
              },
            },
          );
        }}
      >
        <label className={label}>
          <span>Uses (optional)</span>
          <input className={input} type="number" min={1} max={10000} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        </label>
        <label className={label}>
          <span>Expires after days (optional)</span>
          <input className={input} type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" className={btnPrimary} disabled={create.pending}>
          Make an invite
        </button>
      </form>
      {made && (
        <div role="status" className="space-y-2">
          <p className="font-medium">Copy them now: they are shown only once.</p>
          <label className={label}>
            <span>Join link</span>
            <input
              readOnly
              value={made.url}
              className={`${input} font-mono text-sm`}
              onFocus={(e) => e.target.select()}
              data-testid="invite-url"
            />
          </label>
          <label className={label}>
            <span>Code</span>
            <input
              readOnly
              value={made.code}
              className={`${input} font-mono`}
              onFocus={(e) => e.target.select()}
              data-testid="invite-code"
            />
          </label>
        </div>
      )}
      {invites.length > 0 && (
        <ul className="space-y-1">
          {invites.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-3">
              <span className={muted}>
                Made {i.createdAt.slice(0, 16).replace("T", " ")} UTC · used {i.uses}
                {i.maxUses ? ` of ${i.maxUses}` : ""}
                {i.expiresAt ? ` · expires ${i.expiresAt.slice(0, 10)}` : ""}
                {i.revokedAt ? " · revoked" : ""}
              </span>
              {!i.revokedAt && (
                <button
                  type="button"
                  className={btnQuiet}
                  disabled={revoke.pending}
                  onClick={() => revoke.run({ cohortId, inviteId: i.id }, { onSuccess: () => router.refresh() })}
                >
                  Revoke<span className="sr-only"> the invite made {i.createdAt.slice(0, 16).replace("T", " ")}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Problem error={create.error || revoke.error} />
    </section>
  );
}

/** Assign one of my sets, or define a lab challenge; both with a due date (local time in the form, UTC on the server). */
export function AssignmentForm({
  cohortId,
  sets,
  bases,
}: {
  cohortId: string;
  sets: { id: string; title: string }[];
  bases: readonly string[];
}) {
  const router = useRouter();
  const create = useServerAction(createAssignmentAction);
  const [kind, setKind] = useState<"set" | "lab-challenge">(sets.length ? "set" : "lab-challenge");
  const [setId, setSetId] = useState(sets[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const [base, setBase] = useState(bases[0] ?? "disjoint");
  const [n, setN] = useState("100");
  const [accuracy, setAccuracy] = useState("80");
  const [budgetKind, setBudgetKind] = useState<"flops" | "params">("flops");
  const [budget, setBudget] = useState("");
  const [seed, setSeed] = useState("1");
  return (
    <section aria-labelledby="assign-h" className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id="assign-h" className="text-xl font-semibold">
        New assignment
      </h2>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const dueAt = due ? new Date(due).toISOString() : "";
          const assignment =
            kind === "set"
              ? { kind, setId, dueAt, ...(title ? { title } : {}) }
              : {
                  kind,
                  title,
                  dueAt,
                  challenge: {
                    base,
                    n: Number(n),
                    seed: Number(seed),
                    minTestAccuracy: Number(accuracy) / 100,
                    budget:
                      budgetKind === "flops"
                        ? { kind: "flops", maxFlops: Number(budget) }
                        : { kind: "params", maxTrainableParams: Number(budget) },
                  },
                };
          create.run(
            { cohortId, assignment },
            {
              onSuccess: () => (setTitle(""), router.refresh()),
            },
          );
        }}
      >
        <fieldset className="space-y-1">
          <legend>Kind</legend>
          <label className="mr-4">
            <input type="radio" name="kind" checked={kind === "set"} onChange={() => setKind("set")} disabled={!sets.length} /> One of my
            question sets
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === "lab-challenge"} onChange={() => setKind("lab-challenge")} /> A lab challenge
          </label>
        </fieldset>
        {kind === "set" ? (
          <label className={label}>
            <span>Set</span>
            <select className={input} value={setId} onChange={(e) => setSetId(e.target.value)}>
              {sets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className={label}>
              <span>Base model</span>
              <select className={input} value={base} onChange={(e) => setBase(e.target.value)}>
                {bases.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <label className={label}>
              <span>Training examples (n)</span>
              <input className={input} type="number" min={1} value={n} onChange={(e) => setN(e.target.value)} required />
            </label>
            <label className={label}>
              <span>Minimum test accuracy (%)</span>
              <input
                className={input}
                type="number"
                min={0}
                max={100}
                step="0.1"
                value={accuracy}
                onChange={(e) => setAccuracy(e.target.value)}
                required
              />
            </label>
            <label className={label}>
              <span>Budget</span>
              <select className={input} value={budgetKind} onChange={(e) => setBudgetKind(e.target.value as "flops" | "params")}>
                <option value="flops">At most F training FLOPs</option>
                <option value="params">At most P trainable parameters</option>
              </select>
            </label>
            <label className={label}>
              <span>{budgetKind === "flops" ? "Maximum training FLOPs" : "Maximum trainable parameters"}</span>
              <input className={input} type="number" min={1} value={budget} onChange={(e) => setBudget(e.target.value)} required />
            </label>
            <label className={label}>
              <span>Seed</span>
              <input className={input} type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} required />
            </label>
          </div>
        )}
        <label className={label}>
          <span>{kind === "set" ? "Title (optional: the set's title)" : "Title"}</span>
          <input className={input} value={title} onChange={(e) => setTitle(e.target.value)} required={kind !== "set"} maxLength={200} />
        </label>
        <label className={label}>
          <span>Due (your local time)</span>
          <input className={input} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} required />
        </label>
        <button type="submit" className={btnPrimary} disabled={create.pending}>
          Assign it
        </button>
        <Problem error={create.error} />
      </form>
    </section>
  );
}
