import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { listSets } from "@/server/data/sets";
import { ImportForm } from "@/components/sets/import-form";
import { btnPrimary, link, muted } from "@/components/ui/styles";

// Per request: the signed-in user's own sets.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Question sets" };

export default async function SetsPage() {
  const viewer = await requireViewer({ redirectTo: "/sets" });
  const sets = await listSets(actorForViewer(viewer));
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">Question sets</h1>
        <Link href="/sets/new" className={`${btnPrimary} ml-auto`}>
          New set
        </Link>
      </header>
      <p className={muted}>
        Build a set from the bank or your own items, share one link with locked settings, and see every candidate&apos;s answers and lab
        work.
      </p>
      {sets.length === 0 ? (
        <p>You have no sets yet.</p>
      ) : (
        <ul className="space-y-2">
          {sets.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-3 rounded border border-slate-300 p-3 dark:border-slate-700">
              <Link href={`/sets/${s.id}`} className={`${link} font-medium`}>
                {s.title}
              </Link>
              <span className={muted}>
                {s.itemCount} items · {s.candidateCount} candidate(s)
              </span>
              <Link href={`/sets/${s.id}/results`} className={`${link} ml-auto`}>
                Results
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="import-h" className="space-y-3">
        <h2 id="import-h" className="text-xl font-semibold">
          Import a set
        </h2>
        <ImportForm />
      </section>
    </div>
  );
}
