import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { listMyCohorts } from "@/server/data/cohorts";
import { CreateCohortForm, JoinCodeForm } from "@/components/cohorts/cohort-forms";
import { link, muted } from "@/components/ui/styles";

// Per request: the signed-in user's own cohorts (memberships), creating one, joining with a code.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Cohorts" };

export default async function CohortsPage() {
  const viewer = await requireViewer({ redirectTo: "/cohorts" });
  const cohorts = await listMyCohorts(actorForViewer(viewer));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Cohorts</h1>
      <p className={muted}>
        Run a bootcamp: invite students, assign sets and lab challenges with due dates, see what holds the class back.
      </p>
      <section aria-labelledby="mine-h" className="space-y-2">
        <h2 id="mine-h" className="text-xl font-semibold">
          My cohorts
        </h2>
        {cohorts.length === 0 ? (
          <p>You are in no cohort yet.</p>
        ) : (
          <ul className="space-y-2">
            {cohorts.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 rounded border border-slate-300 p-3 dark:border-slate-700">
                <Link href={`/cohorts/${c.id}`} className={`${link} font-medium`}>
                  {c.title}
                </Link>
                <span className={muted}>
                  {c.role} · {c.memberCount} member(s)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="create-h" className="space-y-2">
          <h2 id="create-h" className="text-xl font-semibold">
            Create a cohort
          </h2>
          <CreateCohortForm />
        </section>
        <section aria-labelledby="join-h" className="space-y-2">
          <h2 id="join-h" className="text-xl font-semibold">
            Join with a code
          </h2>
          <JoinCodeForm />
        </section>
      </div>
    </div>
  );
}
