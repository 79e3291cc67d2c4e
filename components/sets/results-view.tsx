import type { CandidateRow, SetResults } from "@/lib/sets/results";
import { formatScore } from "@/components/quiz/format";
import { link, muted } from "@/components/ui/styles";
import { FreeTextGrade } from "./free-text-grade";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const duration = (s: number | null) => (s === null ? "–" : `${Math.floor(s / 60)} min ${s % 60} s`);
// Cell styles set once per table (descendant variants): a 300 × 30 matrix would otherwise repeat them 9,000 times.
const grid =
  "text-sm [&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_td]:text-left [&_td]:align-top " +
  "dark:[&_td]:border-slate-800 " +
  "[&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:align-top dark:[&_th]:border-slate-800";
const MARK: Record<string, string> = { right: "✓", partial: "½", wrong: "✗", "self-graded": "s", none: "·" };

/** Percentages of each item across candidates, then every candidate: score, time, answers next to the key, lab runs. */
export function ResultsView({
  setId,
  results,
  candidate,
  canGrade = false,
}: {
  setId: string;
  results: SetResults & { title: string };
  candidate?: string;
  /** Owners grade free-text answers; a viewer sees the grade only. */
  canGrade?: boolean;
}) {
  const chosen = candidate ? results.candidates.find((c) => c.attemptId === candidate) : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="items-h" className="space-y-2">
        <h2 id="items-h" className="text-xl font-semibold">
          Per item
        </h2>
        <div className="overflow-x-auto">
          <table className={`w-full ${grid}`}>
            <caption className={`text-left ${muted}`}>Over submitted attempts.</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Key</th>
                <th scope="col">Right</th>
                <th scope="col">Most-chosen wrong answer</th>
              </tr>
            </thead>
            <tbody>
              {results.items.map((i, n) => (
                <tr key={i.itemId}>
                  <th scope="row">
                    {n + 1}. {i.prompt.slice(0, 100)}
                  </th>
                  <td>{i.key}</td>
                  <td>
                    {pct(i.shareRight)} ({i.right}/{i.attempts})
                  </td>
                  <td>{i.mostChosenWrong ? `${i.mostChosenWrong.answer} (${i.mostChosenWrong.count})` : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cands-h" className="space-y-2">
        <h2 id="cands-h" className="text-xl font-semibold">
          Candidates ({results.candidates.length})
        </h2>
        {results.candidates.length === 0 ? (
          <p>Nobody has taken this set yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={grid}>
              <caption className={`text-left ${muted}`}>
                Per item: ✓ right, ½ partly right, ✗ wrong, · no answer or not graded yet. Open a candidate for their answers next to the
                key.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Score</th>
                  <th scope="col">Time</th>
                  <th scope="col">Lab runs</th>
                  {results.items.map((i, n) => (
                    <th key={i.itemId} scope="col" title={i.itemId}>
                      {n + 1}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.candidates.map((c) => {
                  const byId = new Map(c.answers.map((a) => [a.itemId, a.verdict]));
                  return (
                    <tr key={c.attemptId}>
                      <th scope="row">
                        <a href={`?candidate=${c.attemptId}#candidate`} className={link}>
                          {c.name}
                        </a>{" "}
                        <span className={muted}>{c.email ?? ""}</span>
                      </th>
                      <td>{c.status === "submitted" ? `${formatScore(c.score ?? 0)} / ${c.max}` : "in progress"}</td>
                      <td>{duration(c.timeTakenSeconds)}</td>
                      <td>{c.labRuns.length}</td>
                      {results.items.map((i) => (
                        <td key={i.itemId}>{MARK[byId.get(i.itemId) ?? "none"]}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {chosen && <CandidateDetail setId={setId} c={chosen} canGrade={canGrade} />}
      <p>
        <a href={`/api/v1/sets/${setId}/results.csv`} className={link}>
          Download CSV
        </a>
      </p>
    </div>
  );
}

/** One candidate: the answer to every item next to the key, and the lab runs made while the attempt was open. */
function CandidateDetail({ setId, c, canGrade }: { setId: string; c: CandidateRow; canGrade: boolean }) {
  return (
    <section
      id="candidate"
      aria-labelledby="candidate-h"
      className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 id="candidate-h" className="text-xl font-semibold">
        {c.name} {c.email ? `<${c.email}>` : ""}
      </h2>
      <p>
        {c.status === "submitted" ? `Score ${formatScore(c.score ?? 0)} / ${c.max}` : "In progress"} · {duration(c.timeTakenSeconds)} ·
        started {c.startedAt.replace("T", " ").slice(0, 16)} UTC
      </p>
      <table className={`w-full ${grid}`}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Answer</th>
            <th scope="col">Key</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {c.answers.map((a) => (
            <tr key={a.itemId}>
              <th scope="row">{a.itemId}</th>
              <td>{a.answer || <span className={muted}>no answer</span>}</td>
              <td>
                {a.key}
                {a.rubric && c.status === "submitted" && canGrade && (
                  <FreeTextGrade setId={setId} attemptId={c.attemptId} itemId={a.itemId} rubric={a.rubric} graded={a.graded ?? false} />
                )}
              </td>
              <td>
                {a.score === null
                  ? "–"
                  : `${formatScore(a.score)}${a.verdict === "self-graded" ? (a.graded ? (canGrade ? " (graded by you)" : " (graded by an owner)") : canGrade ? " (awaiting your grade)" : " (awaiting an owner's grade)") : a.verdict ? ` (${a.verdict})` : ""}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="font-semibold">Lab runs while the attempt was open</h3>
      {c.labRuns.length === 0 ? (
        <p className={muted}>None.</p>
      ) : (
        <ul className="list-disc pl-6">
          {c.labRuns.map((r) => (
            <li key={r.id}>
              {r.createdAt.replace("T", " ").slice(0, 19)} UTC · {r.preset ?? "own settings"} · calibration {r.calibration ?? "–"} ·
              settings <code className="text-xs">{JSON.stringify(r.settings).slice(0, 200)}</code> · numbers{" "}
              <code className="text-xs">{JSON.stringify(r.results).slice(0, 200)}</code>
              {r.prediction !== null && (
                <>
                  {" "}
                  · prediction <code className="text-xs">{JSON.stringify(r.prediction).slice(0, 120)}</code>
                </>
              )}{" "}
              {r.replayHref && (
                <a href={r.replayHref} className={link}>
                  Replay this run
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
