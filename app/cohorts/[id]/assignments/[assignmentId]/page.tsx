import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { DataError } from "@/server/data/errors";
import { getAssignment, getAssignmentAttempt } from "@/server/data/cohort-assignments";
import { listMyChallengeSubmissions } from "@/server/data/lab-challenges";
import { LAB_SCHEDULES } from "@/lib/lab/settings";
import { MAX_FROZEN } from "@/lib/lab/architecture";
import { Markdown } from "@/components/ui/markdown";
import { RichText, needsMarkdown } from "@/components/quiz/rich-text";
import type { RunnerAttempt } from "@/components/quiz/quiz-runner";
import { AssignmentRunner, ChallengeForm, StartAssignmentButton } from "@/components/cohorts/assignment-student";
import { link, muted } from "@/components/ui/styles";

// Per request: the student's own attempt or submissions; anyone who is not a student of the cohort gets a 404.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Assignment" };

type Props = { params: Promise<{ id: string; assignmentId: string }> };

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;
const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

function orNotFound(e: unknown): never {
  if (e instanceof DataError && e.code === "not-found") notFound();
  throw e;
}

export default async function AssignmentPage({ params }: Props) {
  const { id, assignmentId } = await params;
  const viewer = await requireViewer({ redirectTo: `/cohorts/${encodeURIComponent(id)}/assignments/${encodeURIComponent(assignmentId)}` });
  const actor = actorForViewer(viewer);
  const a = await getAssignment(actor, id, assignmentId).catch(orNotFound);
  // Only a student has `mine`; staff read the dashboard instead.
  if (!a.mine) notFound();
  const mine = a.mine;
  const back = (
    <p>
      <Link href={`/cohorts/${id}`} className={link}>
        ← Back to the cohort
      </Link>
    </p>
  );
  const header = (
    <>
      <h1 className="text-2xl font-bold">{a.title}</h1>
      <p className={muted}>
        Due {when(a.dueAt)}. Work after the due date is accepted and marked late.
        {mine.extraTimeMs > 0 ? ` You have ${Math.round(mine.extraTimeMs / 60000)} extra minute(s).` : ""}
      </p>
    </>
  );

  if (a.kind === "set") {
    if (mine.status === "in_progress" && mine.attemptId) {
      const view = await getAssignmentAttempt(actor, id, assignmentId, mine.attemptId).catch(orNotFound);
      const attempt: RunnerAttempt = {
        id: view.id,
        questionSlug: "",
        items: view.items.map(({ promptHtml: _html, ...item }) => item),
        answers: view.answers,
        answersVersion: view.answersVersion,
        deadline: view.deadline,
        serverNow: view.serverNow,
      };
      const prompts = Object.fromEntries(view.items.map((i) => [i.id, <Markdown key={i.id} markdown={i.prompt} />]));
      const texts = Object.fromEntries(
        view.items
          .flatMap((i) =>
            (i.type === "single" || i.type === "multiple" ? i.options : i.type === "ordering" ? i.entries : []).map(
              (o) => [i.id, o] as const,
            ),
          )
          .filter(([, o]) => needsMarkdown(o.text))
          .map(([itemId, o]) => [`${itemId}:${o.id}`, <RichText key={o.id} text={o.text} />]),
      );
      return (
        <div className="space-y-6">
          {back}
          {header}
          <AssignmentRunner cohortId={id} assignmentId={assignmentId} attempt={attempt} prompts={prompts} texts={texts} />
        </div>
      );
    }
    return (
      <div className="space-y-6">
        {back}
        {header}
        {mine.status === "submitted" ? (
          <section aria-labelledby="done-h" className="space-y-2 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
            <h2 id="done-h" className="text-xl font-semibold">
              Submitted{mine.late ? " (late)" : ""}
            </h2>
            <p>
              Your answers were submitted{mine.submittedAt ? ` at ${when(mine.submittedAt)}` : ""}
              {mine.late ? ", after the due date" : ""}.
            </p>
            <p className={muted}>
              Your score and answers are shown as the set&apos;s review policy allows, in your row of the cohort page.
            </p>
          </section>
        ) : (
          <p>
            A question set
            {a.timeLimitMinutes ? ` with a time limit of ${a.timeLimitMinutes} minutes from when you start` : " without a time limit"}.
          </p>
        )}
        {mine.status !== "in_progress" && (
          <StartAssignmentButton cohortId={id} assignmentId={assignmentId} again={mine.status === "submitted"} />
        )}
      </div>
    );
  }

  const c = a.challenge!;
  const subs = await listMyChallengeSubmissions(actor, id, assignmentId).catch(orNotFound);
  const budget =
    c.budget.kind === "flops"
      ? `at most ${c.budget.maxFlops.toExponential(2)} training FLOPs`
      : `at most ${c.budget.maxTrainableParams.toLocaleString("en")} trainable parameters`;
  const lab = `/lab?${new URLSearchParams({ base: c.base, n: String(c.n), seed: String(c.seed) })}`;
  return (
    <div className="space-y-6">
      {back}
      {header}
      <section aria-labelledby="goal-h" className="space-y-2">
        <h2 id="goal-h" className="text-xl font-semibold">
          The challenge
        </h2>
        <p>
          Reach at least {pct(c.minTestAccuracy)} test accuracy with {budget}, on base “{c.base}” with {c.n} training examples (seed{" "}
          {c.seed}).
        </p>
        <p>
          <Link href={lab} className={link}>
            Try settings in the lab with this base, n and seed
          </Link>
          , then submit the settings below. The server re-runs them and grades its own numbers.
        </p>
      </section>
      <ChallengeForm cohortId={id} assignmentId={assignmentId} schedules={LAB_SCHEDULES} maxFrozen={MAX_FROZEN} />
      <section aria-labelledby="subs-h" className="space-y-2">
        <h2 id="subs-h" className="text-xl font-semibold">
          Your submissions
        </h2>
        {subs.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left">
              <thead>
                <tr>
                  <th scope="col">Submitted</th>
                  <th scope="col">Test accuracy</th>
                  <th scope="col">Training FLOPs</th>
                  <th scope="col">Trainable params</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {subs.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {when(s.submittedAt)}
                      {s.late ? " (late)" : ""}
                    </th>
                    <td>{pct(s.testAccuracy)}</td>
                    <td>{s.trainingFlops === null ? "–" : s.trainingFlops.toExponential(2)}</td>
                    <td>{s.trainableParams === null ? "–" : s.trainableParams.toLocaleString("en")}</td>
                    <td>
                      {s.status !== "graded" ? s.status : s.passed ? "passed" : "not passed"}
                      {s.detail ? <span className={muted}> — {s.detail}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
