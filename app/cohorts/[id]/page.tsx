import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { DataError } from "@/server/data/errors";
import { getCohortDashboard } from "@/server/data/cohort-dashboard";
import { getCohort } from "@/server/data/cohorts";
import { listInvites } from "@/server/data/cohort-invites";
import { listSets } from "@/server/data/sets";
import { LAB_BASES } from "@/lib/lab/settings";
import { DashboardView } from "@/components/cohorts/dashboard-view";
import { AssignmentForm, InvitePanel } from "@/components/cohorts/cohort-forms";
import { link, muted } from "@/components/ui/styles";

// Per request: the cohort's staff see every student, a student their own row; everyone else gets a 404 (the data layer decides).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Cohort" };

type Props = { params: Promise<{ id: string }> };

export default async function CohortPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer({ redirectTo: `/cohorts/${encodeURIComponent(id)}` });
  const actor = actorForViewer(viewer);
  const [data, cohort] = await Promise.all([getCohortDashboard(actor, id), getCohort(actor, id)]).catch((e: unknown) => {
    if (e instanceof DataError && e.code === "not-found") notFound();
    throw e;
  });
  // Staff panels: each read is authorised again in the data layer; `can` only decides what to offer.
  const [invites, sets] = await Promise.all([
    cohort.can.invite ? listInvites(actor, id) : Promise.resolve([]),
    cohort.can.manageAssignments ? listSets(actor) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <p>
        <Link href="/cohorts" className={link}>
          ← Cohorts
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <p className={muted}>
        {data.scope === "all"
          ? `${data.students.length} student(s) · ${data.assignments.length} assignment(s). `
          : "Your assignments, due dates and your own results. "}
        <a className={link} href={`/api/v1/cohorts/${id}/dashboard.csv`} download>
          Download as CSV
        </a>
      </p>
      <DashboardView data={data} />
      {cohort.can.manageAssignments && (
        <AssignmentForm cohortId={id} sets={sets.map((s) => ({ id: s.id, title: s.title }))} bases={LAB_BASES} />
      )}
      {cohort.can.invite && <InvitePanel cohortId={id} invites={invites} />}
    </div>
  );
}
