import type { SetResults } from "@/lib/sets/results";
import { formatScore } from "@/components/quiz/format";
import { link, muted } from "@/components/ui/styles";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const duration = (s: number | null) => (s === null ? "–" : `${Math.floor(s / 60)} min ${s % 60} s`);
const cell = "border-b border-slate-200 px-2 py-1 text-left align-top dark:border-slate-800";

/** Percentages of each item across candidates, then every candidate: score, time, answers next to the key, lab runs. */
export function ResultsView({ setId, results }: { setId: string; results: SetResults & { title: string } }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="items-h" className="space-y-2">
        <h2 id="items-h" className="text-xl font-semibold">
          Per item
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className={`text-left ${muted}`}>Over submitted attempts.</caption>
            <thead>
              <tr>
                <th scope="col" className={cell}>Item</th>
                <th scope="col" className={cell}>Key</th>
                <th scope="col" className={cell}>Right</th>
                <th scope="col" className={cell}>Most-chosen wrong answer</th>
              </tr>
            </thead>
            <tbody>
              {results.items.map((i, n) => (
                <tr key={i.itemId}>
                  <th scope="row" className={cell}>
                    {n + 1}. {i.prompt.slice(0, 100)}
                  </th>
                  <td className={cell}>{i.key}</td>
                  <td className={cell}>
                    {pct(i.shareRight)} ({i.right}/{i.attempts})
                  </td>
                  <td className={cell}>{i.mostChosenWrong ? `${i.mostChosenWrong.answer} (${i.mostChosenWrong.count})` : "–"}</td>
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
        {results.candidates.length === 0 && <p>Nobody has taken this set yet.</p>}
        <ul className="space-y-2">
          {results.candidates.map((c) => (
            <li key={c.attemptId} className="rounded border border-slate-300 dark:border-slate-700">
              <details>
                <summary className="cursor-pointer p-2">
                  <span className="font-medium">{c.name}</span> {c.email ? `<${c.email}>` : ""} ·{" "}
                  {c.status === "submitted" ? `${formatScore(c.score ?? 0)} / ${c.max}` : "in progress"} · {duration(c.timeTakenSeconds)} · {c.labRuns.length} lab
                  run(s)
                </summary>
                <div className="space-y-3 p-2">
                  <table className="w-full text-sm">
                    <thead>
                      <tr>
                        <th scope="col" className={cell}>Item</th>
                        <th scope="col" className={cell}>Answer</th>
                        <th scope="col" className={cell}>Key</th>
                        <th scope="col" className={cell}>Score</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.answers.map((a) => (
                        <tr key={a.itemId}>
                          <th scope="row" className={cell}>{a.itemId}</th>
                          <td className={cell}>{a.answer || <span className={muted}>no answer</span>}</td>
                          <td className={cell}>{a.key}</td>
                          <td className={cell}>{a.score === null ? "–" : `${formatScore(a.score)}${a.verdict ? ` (${a.verdict})` : ""}`}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {c.labRuns.length > 0 && (
                    <div>
                      <h3 className="font-semibold">Lab runs while the attempt was open</h3>
                      <ul className="list-disc pl-6">
                        {c.labRuns.map((r) => (
                          <li key={r.id}>
                            {r.createdAt.replace("T", " ").slice(0, 19)} UTC · {r.preset ?? "own settings"} · calibration {r.calibration ?? "–"} ·{" "}
                            <code className="text-xs">{JSON.stringify(r.results).slice(0, 200)}</code>
                            {r.prediction !== null && <> · prediction <code className="text-xs">{JSON.stringify(r.prediction).slice(0, 120)}</code></>}{" "}
                            {r.replayHref && (
                              <a href={r.replayHref} className={link}>
                                Replay this run
                              </a>
                            )}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={`/api/v1/sets/${setId}/results.csv`} className={link}>
          Download CSV
        </a>
      </p>
    </div>
  );
}
