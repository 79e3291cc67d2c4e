import Link from "next/link";
import type { AttemptSummary } from "@/server/data/attempt-views";
import { formatScore } from "@/components/quiz/format";

/** Submitted attempts with links to their reviews, newest first. */
export function PastAttempts({
  attempts,
  showQuestion = false,
  titleOf,
}: {
  attempts: AttemptSummary[];
  showQuestion?: boolean;
  titleOf?: (slug: string) => string;
}) {
  if (attempts.length === 0) return null;
  return (
    <section aria-labelledby="past-attempts" className="space-y-2">
      <h2 id="past-attempts" className="text-xl font-semibold">
        {showQuestion ? "Recent quiz attempts" : "Your past attempts"}
      </h2>
      <ul className="space-y-1">
        {attempts.map((a) => (
          <li key={a.id}>
            <Link href={`/questions/${a.questionSlug}/quiz/${a.id}`} className="text-brand-700 underline dark:text-brand-300">
              {showQuestion ? `${titleOf?.(a.questionSlug) ?? a.questionSlug}: ` : ""}
              {a.submittedAt ? new Date(a.submittedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "in progress"}
            </Link>{" "}
            — {a.mode === "mistakes" ? "mistakes only, " : ""}
            {a.score !== null && a.maxScore !== null ? `${formatScore(a.score)} / ${a.maxScore}` : "not graded yet"}
          </li>
        ))}
      </ul>
    </section>
  );
}
