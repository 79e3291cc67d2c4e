import Link from "next/link";
import type { AttemptResultView } from "@/server/data/attempt-views";
import { Markdown } from "@/components/ui/markdown";
import { SelfGradeForm } from "@/components/quiz/self-grade-form";
import { RetryMistakesButton } from "@/components/quiz/retry-mistakes-button";
import { formatScore } from "@/components/quiz/format";
import { RichText } from "@/components/quiz/rich-text";
import { link, muted } from "@/components/ui/styles";

/**
 * The review of a submitted attempt, rendered on the server from the graded result: score, and per
 * item the verdict in words, the candidate's answer beside the key, every option's rationale, and a
 * link back to the key point the item checks. Only ever rendered for a submitted attempt.
 */
type Item = AttemptResultView["items"][number];

const VERDICT: Record<Item["result"]["correct"], { label: string; className: string }> = {
  right: { label: "Right", className: "border-emerald-600 text-emerald-800 dark:text-emerald-300" },
  partial: { label: "Partly right", className: "border-amber-600 text-amber-800 dark:text-amber-300" },
  wrong: { label: "Wrong", className: "border-rose-600 text-rose-800 dark:text-rose-300" },
  "self-graded": { label: "Self-graded", className: "border-sky-600 text-sky-800 dark:text-sky-300" },
};

export function AttemptReview({ result }: { result: AttemptResultView }) {
  const mistakes = result.items.some((i) => i.result.correct !== "right" && i.result.correct !== "self-graded");
  return (
    <div className="space-y-8">
      <section
        aria-labelledby="score"
        className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      >
        <h2 id="score" className="text-2xl font-bold">
          Score: {formatScore(result.score)} / {result.maxScore}
        </h2>
        {result.overdue && (
          <p className="text-rose-700 dark:text-rose-300">Submitted after the time limit: only answers saved in time counted.</p>
        )}
        <div className="ml-auto flex flex-wrap gap-3">
          {mistakes && <RetryMistakesButton slug={result.questionSlug} />}
          <Link href={`/questions/${result.questionSlug}/quiz`} className={link}>
            Back to the quiz
          </Link>
        </div>
      </section>
      <ol className="space-y-6">
        {result.items.map((item, i) => (
          <li key={item.id}>
            <ReviewedItem item={item} index={i} total={result.items.length} attemptId={result.id} slug={result.questionSlug} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReviewedItem({
  item,
  index,
  total,
  attemptId,
  slug,
}: {
  item: Item;
  index: number;
  total: number;
  attemptId: string;
  slug: string;
}) {
  const verdict = VERDICT[item.result.correct];
  const awaiting = item.type === "freetext" && item.result.reason === "awaiting self-grade";
  return (
    <article aria-labelledby={`r-${item.id}`} className="space-y-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <header className="flex flex-wrap items-center gap-3">
        <h3 id={`r-${item.id}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Question {index + 1} of {total}
        </h3>
        <span className={`rounded border-2 px-2 py-0.5 text-sm font-semibold ${verdict.className}`}>
          {awaiting ? "Not graded yet" : verdict.label} · {formatScore(item.result.score)} / {item.result.max}
        </span>
        {item.result.reason && !awaiting && <span className={`text-sm ${muted}`}>({item.result.reason})</span>}
      </header>
      <Markdown markdown={item.prompt} className="text-lg" />
      <ItemDetail item={item} attemptId={attemptId} awaiting={awaiting} />
      <footer className="space-y-1 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
        {item.keyPointText && (
          <p>
            Key point: {/* The question page opens its collapsed answer and scrolls to this key point (key-point-checklist.tsx). */}
            <Link href={`/questions/${slug}#key-point-${item.keyPoint}`} className={link}>
              <RichText text={item.keyPointText} className="inline-block" />
            </Link>
          </p>
        )}
        {item.labPreset && (
          <p>
            <Link href={`/lab?preset=${encodeURIComponent(item.labPreset)}`} prefetch={false} className={link}>
              See it in the lab
            </Link>
          </p>
        )}
      </footer>
    </article>
  );
}

/**
 * What an option is (right or wrong) and what the candidate did with it, so leaving a wrong option out
 * reads as the good call it was, not as a mistake.
 */
function OptionOutcome({ correct, chosen }: { correct: boolean; chosen: boolean }) {
  const [what, did, tone] = correct
    ? chosen
      ? ["✓ Right option", "you picked it", "text-emerald-800 dark:text-emerald-300"]
      : ["✓ Right option", "you left it out (missed)", "text-rose-800 dark:text-rose-300"]
    : chosen
      ? ["✗ Wrong option", "you picked it (mistake)", "text-rose-800 dark:text-rose-300"]
      : ["✗ Wrong option", "you left it out (correct)", "text-emerald-800 dark:text-emerald-300"];
  return (
    <>
      <span className="font-semibold">{what}</span>
      <span className={`rounded bg-slate-100 px-1.5 text-sm dark:bg-slate-800 ${tone}`}>{did}</span>
    </>
  );
}

function YourAnswer({ children }: { children: React.ReactNode }) {
  return (
    <p>
      <span className="font-semibold">Your answer: </span>
      {children}
    </p>
  );
}

const none = <em>not answered</em>;

function ItemDetail({ item, attemptId, awaiting }: { item: Item; attemptId: string; awaiting: boolean }) {
  switch (item.type) {
    case "single":
    case "multiple":
      return (
        <ul className="space-y-2">
          {item.options.map((o) => (
            <li
              key={o.id}
              className={`rounded-md border p-3 ${o.correct ? "border-emerald-600" : "border-slate-300 dark:border-slate-700"}`}
            >
              <div className="flex flex-wrap items-baseline gap-2">
                <OptionOutcome correct={o.correct} chosen={o.chosen} />
                <RichText text={o.text} />
              </div>
              <RichText text={o.rationale} className={`mt-1 block text-sm ${muted}`} />
            </li>
          ))}
        </ul>
      );
    case "truefalse":
      return (
        <div className="space-y-2">
          <YourAnswer>{item.given === null ? none : item.given ? "True" : "False"}</YourAnswer>
          <p>
            <span className="font-semibold">Correct answer: </span>
            {item.answer ? "True" : "False"}
          </p>
          <RichText text={item.rationale} className={`block ${muted}`} />
        </div>
      );
    case "numeric":
      return (
        <div className="space-y-2">
          <YourAnswer>{item.given === null ? none : `${item.given}${item.unit ? ` ${item.unit}` : ""}`}</YourAnswer>
          <p>
            <span className="font-semibold">Correct answer: </span>
            {item.answer} ± {item.tolerance}
            {item.unit ? ` ${item.unit}` : ""}
          </p>
          <RichText text={item.rationale} className={`block ${muted}`} />
        </div>
      );
    case "ordering": {
      const text = new Map(item.entries.map((e) => [e.id, e.text]));
      return (
        <div className="space-y-3">
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <p className="font-semibold">Correct order</p>
              <ol className="list-decimal pl-6">
                {item.entries.map((e) => (
                  <li key={e.id}>
                    <RichText text={e.text} />
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <p className="font-semibold">Your order</p>
              {item.given ? (
                <ol className="list-decimal pl-6">
                  {item.given.map((id) => (
                    <li key={id}>
                      <RichText text={text.get(id) ?? id} />
                    </li>
                  ))}
                </ol>
              ) : (
                <p>{none}</p>
              )}
            </div>
          </div>
          <RichText text={item.rationale} className={`block ${muted}`} />
        </div>
      );
    }
    case "freetext":
      return (
        <div className="space-y-3">
          <div>
            <p className="font-semibold">Your answer</p>
            {item.given ? <p className="whitespace-pre-wrap rounded-md bg-slate-100 p-3 dark:bg-slate-900">{item.given}</p> : <p>{none}</p>}
          </div>
          <SelfGradeForm
            attemptId={attemptId}
            itemId={item.id}
            rubric={item.rubric.map((r) => ({ ticked: r.ticked, label: <RichText text={r.text} /> }))}
            open={awaiting && Boolean(item.given)}
          />
          <div>
            <p className="font-semibold">Model answer</p>
            <RichText text={item.modelAnswer} className="block whitespace-pre-wrap" />
          </div>
        </div>
      );
  }
}
