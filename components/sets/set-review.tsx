import type { CandidateReview } from "@/server/data/sets";
import { Markdown } from "@/components/ui/markdown";
import { formatScore } from "@/components/quiz/format";
import { muted } from "@/components/ui/styles";

/** What a candidate sees after submitting, exactly as the set's review policy allows (the server decided). */
export function SetReview({ review }: { review: CandidateReview }) {
  const v = review.visibility;
  if (v.show === "nothing") {
    return (
      <section aria-labelledby="review-h" className="space-y-2 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
        <h2 id="review-h" className="text-xl font-semibold">
          Submitted
        </h2>
        <p>Your answers were submitted{review.submittedAt ? ` at ${review.submittedAt.replace("T", " ").slice(0, 16)} UTC` : ""}.</p>
        <p className={muted}>
          {v.reason === "until-close"
            ? `Your score will be shown here after the set closes (${v.availableAt.replace("T", " ").slice(0, 16)} UTC).`
            : "This set does not show scores to candidates."}
        </p>
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <section aria-labelledby="review-h" className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
        <h2 id="review-h" className="text-2xl font-bold">
          Score: {formatScore(review.score ?? 0)} / {review.maxScore ?? 0}
        </h2>
      </section>
      {review.items && (
        <ol className="space-y-4">
          {review.items.map((item, i) => (
            <li key={item.id} className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                Question {i + 1} ·{" "}
                {item.result.correct === "right"
                  ? "right"
                  : item.result.correct === "partial"
                    ? "partly right"
                    : item.result.correct === "self-graded"
                      ? item.result.reason === "awaiting self-grade"
                        ? "not graded yet (the set's owner grades written answers)"
                        : "graded by the set's owner"
                      : item.result.correct}
              </h3>
              <Markdown markdown={item.prompt} />
              {(item.type === "single" || item.type === "multiple") && (
                <ul className="space-y-2">
                  {item.options.map((o) => (
                    <li key={o.id} className="rounded border border-slate-200 p-2 dark:border-slate-800">
                      <p>
                        <span className="font-medium">{o.correct ? "Correct: " : "Wrong: "}</span>
                        {o.text}
                        {o.chosen ? " (your choice)" : ""}
                      </p>
                      <Markdown markdown={o.rationale} className={`text-sm ${muted}`} />
                    </li>
                  ))}
                </ul>
              )}
              {item.type === "truefalse" && (
                <p>
                  Answer: {String(item.answer)}; yours: {item.given === null ? "none" : String(item.given)}
                </p>
              )}
              {item.type === "numeric" && (
                <p>
                  Answer: {item.answer}
                  {item.tolerance ? ` ± ${item.tolerance}` : ""} {item.unit ?? ""}; yours: {item.given ?? "none"}
                </p>
              )}
              {item.type === "ordering" && <p>Order: {item.entries.map((e) => e.text).join(" → ")}</p>}
              {item.type === "freetext" && (
                <>
                  <p className="font-medium">Rubric</p>
                  <ul className="list-disc pl-6">
                    {item.rubric.map((r, j) => (
                      <li key={j}>
                        {r.text}
                        {r.ticked ? " (covered)" : ""}
                      </li>
                    ))}
                  </ul>
                  <p className="font-medium">Model answer</p>
                  <Markdown markdown={item.modelAnswer} />
                </>
              )}
              {"rationale" in item && <Markdown markdown={item.rationale} className={`text-sm ${muted}`} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
