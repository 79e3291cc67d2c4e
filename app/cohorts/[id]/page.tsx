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
import { listAssignments, type AssignmentDTO } from "@/server/data/cohort-assignments";
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
  const [invites, sets, assignments] = await Promise.all([
    cohort.can.invite ? listInvites(actor, id) : Promise.resolve([]),
    cohort.can.manageAssignments ? listSets(actor) : Promise.resolve([]),
    cohort.role === "student" ? listAssignments(actor, id) : Promise.resolve([]),
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
      {cohort.role === "student" && <MyAssignments cohortId={id} assignments={assignments} />}
      <DashboardView data={data} />
      {cohort.can.manageAssignments && (
        <AssignmentForm cohortId={id} sets={sets.map((s) => ({ id: s.id, title: s.title }))} bases={LAB_BASES} />
      )}
      {cohort.can.invite && <InvitePanel cohortId={id} invites={invites} />}
    </div>
  );
}

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** not started / in progress / submitted / late (a challenge: passed or not), from the data layer's own mark. */
function statusOf(m: NonNullable<AssignmentDTO["mine"]>, dueAt: string): string {
  const base = { not_started: "not started", in_progress: "in progress", submitted: "submitted", passed: "passed", failed: "not passed" }[
    m.status
  ];
  if (m.status === "not_started" || m.status === "in_progress") return Date.parse(dueAt) < Date.now() ? `${base}, overdue` : base;
  return m.late ? `${base}, late` : base;
}

/** A student's to-do list: each assignment, its due date, their status and the way in. */
function MyAssignments({ cohortId, assignments }: { cohortId: string; assignments: AssignmentDTO[] }) {
  return (
    <section aria-labelledby="todo-h" className="space-y-2">
      <h2 id="todo-h" className="text-xl font-semibold">
        Do your assignments
      </h2>
      {assignments.length === 0 ? (
        <p>No assignments yet.</p>
      ) : (
        <ul className="space-y-2">
          {assignments.map((a) => {
            const m = a.mine;
            const verb =
              a.kind === "lab-challenge"
                ? m && m.status !== "not_started"
                  ? "Submit again"
                  : "Open the challenge"
                : m?.status === "in_progress"
                  ? "Continue"
                  : m?.status === "submitted"
                    ? "View"
                    : "Start";
            return (
              <li key={a.id} className="rounded border border-slate-300 p-3 dark:border-slate-700">
                <p>
                  <span className="font-medium">{a.title}</span>{" "}
                  <span className={muted}>
                    ({a.kind === "set" ? "question set" : "lab challenge"}) · due {when(a.dueAt)} · {m ? statusOf(m, a.dueAt) : "–"}
                  </span>
                </p>
                <p>
                  <Link href={`/cohorts/${cohortId}/assignments/${a.id}`} className={link} aria-label={`${verb}: ${a.title}`}>
                    {verb}
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
