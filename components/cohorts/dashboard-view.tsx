import type { CohortDashboard, StudentRow } from "@/server/data/cohort-dashboard";
import { muted } from "@/components/ui/styles";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const day = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";
// Cell styles set once per table (descendant variants), as in the set results: 500 × 10 cells would repeat them.
const grid =
  "text-sm [&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_td]:text-left [&_td]:align-top " +
  "dark:[&_td]:border-slate-800 " +
  "[&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:align-top dark:[&_th]:border-slate-800";
/** Heatmap shades: text stays dark on every shade (contrast for axe), the number is always written out. */
const SHADES = ["bg-red-100", "bg-orange-100", "bg-yellow-100", "bg-lime-100", "bg-green-200"] as const;
const shade = (m: number) => SHADES[Math.min(SHADES.length - 1, Math.floor(m * SHADES.length))]!;

/** The instructor dashboard (or a student's own row of it): completion, heatmap, wrong options, overdue, lab. */
export function DashboardView({ data }: { data: CohortDashboard }) {
  const titles = new Map(data.assignments.map((a) => [a.id, a.title]));
  const challenges = data.assignments.filter((a) => a.kind === "lab-challenge");
  const own = data.scope === "own";
  return (
    <div className="space-y-8">
      <section aria-labelledby="completion-h" className="space-y-2">
        <h2 id="completion-h" className="text-xl font-semibold">
          {own ? "Your assignments" : "Completion per assignment"}
        </h2>
        {data.assignments.length === 0 ? (
          <p>No assignments yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={`w-full ${grid}`}>
              <thead>
                <tr>
                  <th scope="col">Assignment</th>
                  <th scope="col">Due</th>
                  {own ? (
                    <th scope="col">Status</th>
                  ) : (
                    <>
                      <th scope="col">Submitted</th>
                      <th scope="col">Late</th>
                      <th scope="col">Overdue</th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.assignments.map((a) => {
                  const mine = data.own.find((o) => o.assignmentId === a.id);
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        {a.title} <span className={muted}>({a.kind === "set" ? "question set" : "lab challenge"})</span>
                      </th>
                      <td>{day(a.dueAt)}</td>
                      {own ? (
                        <td>{mine ? STATUS[mine.status] : "–"}</td>
                      ) : (
                        <>
                          <td>
                            {a.submitted}/{a.students} ({pct(a.students ? a.submitted / a.students : null)})
                          </td>
                          <td>{a.late}</td>
                          <td>{a.overdue}</td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="heatmap-h" className="space-y-2">
        <h2 id="heatmap-h" className="text-xl font-semibold">
          Mastery by topic
        </h2>
        {data.topics.length === 0 || data.students.length === 0 ? (
          <p>Nothing to show yet: the heatmap fills in as students submit set assignments.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={grid}>
              <caption className={`text-left ${muted}`}>
                Share of each topic&apos;s assigned items right on the latest submitted attempt (unanswered items count 0).
              </caption>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col">Done</th>
                  <th scope="col">Overdue</th>
                  {data.topics.map((t) => (
                    <th key={t} scope="col">
                      {t}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.students.map((s) => (
                  <StudentHeatRow key={s.userId} s={s} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="wrong-h" className="space-y-2">
        <h2 id="wrong-h" className="text-xl font-semibold">
          {own ? "Your wrong answers" : "Most-chosen wrong options"}
        </h2>
        {data.wrongOptions.length === 0 ? (
          <p>No wrong options chosen yet.</p>
        ) : (
          <ol className="list-decimal space-y-3 pl-6">
            {data.wrongOptions.map((w) => (
              <li key={`${w.assignmentId}:${w.itemId}:${w.answer}`}>
                <p>
                  <strong>{w.answer}</strong> — chosen by {w.count} of {w.of} ({titles.get(w.assignmentId)})
                </p>
                <p className={muted}>{w.prompt.slice(0, 200)}</p>
                {w.rationale ? <p>Why it is wrong: {w.rationale}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {challenges.length ? (
        <section aria-labelledby="lab-h" className="space-y-2">
          <h2 id="lab-h" className="text-xl font-semibold">
            Lab challenges and runs
          </h2>
          <div className="overflow-x-auto">
            <table className={grid}>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col">Lab runs since joining</th>
                  {challenges.map((c) => (
                    <th key={c.id} scope="col">
                      {c.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.students.map((s) => (
                  <tr key={s.userId}>
                    <th scope="row">{s.name}</th>
                    <td>{s.labRuns.count}</td>
                    {challenges.map((c) => {
                      const r = s.challenges.find((x) => x.assignmentId === c.id);
                      return (
                        <td key={c.id}>
                          {r
                            ? `${r.passed === null ? r.status : r.passed ? "passed" : "not passed"}, ${pct(r.testAccuracy)} test accuracy${r.late ? ", late" : ""}`
                            : "–"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

const STATUS: Record<"done" | "late" | "overdue" | "open", string> = {
  done: "Submitted",
  late: "Submitted late",
  overdue: "Overdue",
  open: "Open",
};

function StudentHeatRow({ s }: { s: StudentRow }) {
  return (
    <tr>
      <th scope="row">{s.name}</th>
      <td>
        {s.submitted}
        {s.late ? ` (${s.late} late)` : ""}
      </td>
      <td>{s.overdue}</td>
      {s.cells.map((c) => (
        <td key={c.topic} className={`${shade(c.mastery)} text-slate-900`}>
          {pct(c.mastery)}
        </td>
      ))}
    </tr>
  );
}
