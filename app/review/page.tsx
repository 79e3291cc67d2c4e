import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/server/auth";
import { getReviewOverview, getReviewQueue } from "@/server/data/review-cards";
import { RetryMistakesButton } from "@/components/quiz/retry-mistakes-button";
import { SignInReason } from "@/components/progress/sign-in-reason";
import { InterviewDateForm } from "@/components/review/interview-date-form";
import { btnSecondary, link } from "@/components/ui/styles";
import { INTERVIEW_RETENTION } from "@/lib/quiz";

// Per request: the signed-in user's spaced-review schedule (FSRS), due as of now.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Review queue" };

/** Questions in one sitting: a short session rather than the whole backlog at once. */
const SESSION_QUESTIONS = 5;

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export default async function ReviewQueuePage() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <SignInReason
        title="Review queue"
        why="The review queue brings quiz items back on a spaced schedule (FSRS) — soon after a mistake, later after each right answer — and can aim at your interview date. The schedule is kept with an account."
        next="/review"
      />
    );
  }
  const now = new Date();
  const [overview, queue] = await Promise.all([getReviewOverview(viewer.id, now), getReviewQueue(viewer.id, now)]);
  const session = queue.slice(0, SESSION_QUESTIONS);
  const sessionItems = session.reduce((n, q) => n + q.itemIds.length, 0);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Review queue</h1>
      <p>Quiz items come back on a spaced schedule: soon after a mistake, later and later after each right answer.</p>
      <p data-testid="review-overview">
        {overview.scheduled} item{overview.scheduled === 1 ? "" : "s"} scheduled · {overview.dueNow} due now · {overview.dueToday} due today
        (UTC)
        {overview.nextDue && (
          <>
            {" "}
            · next after now: <time dateTime={overview.nextDue}>{when(overview.nextDue)}</time>
          </>
        )}
      </p>
      {queue.length === 0 ? (
        <p>
          {overview.scheduled ? (
            "Nothing is due right now; come back when the next item is due."
          ) : (
            <>
              Nothing is scheduled yet. Take a quiz from a{" "}
              <Link href="/questions" className={link}>
                question
              </Link>{" "}
              and its items will be scheduled here.
            </>
          )}
        </p>
      ) : (
        <section aria-labelledby="session" className="space-y-3">
          <h2 id="session" className="text-xl font-semibold">
            Today&apos;s session: {sessionItems} item{sessionItems === 1 ? "" : "s"} in {session.length} question
            {session.length === 1 ? "" : "s"}
          </h2>
          {queue.length > session.length && (
            <p className="text-sm">{queue.length - session.length} more questions are due; they follow once these are done.</p>
          )}
          <ul className="space-y-4">
            {session.map((q) => (
              <li
                key={q.questionSlug}
                className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
              >
                <div className="mr-auto">
                  <Link href={`/questions/${q.questionSlug}`} className="font-medium underline">
                    {q.title}
                  </Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {q.itemIds.length} item{q.itemIds.length === 1 ? "" : "s"} due since <time dateTime={q.due}>{when(q.due)}</time>
                  </p>
                </div>
                <RetryMistakesButton slug={q.questionSlug} mode="review" label={`Review ${q.itemIds.length} due`} />
                <Link href={`/questions/${q.questionSlug}/quiz`} className={btnSecondary}>
                  Open the quiz
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="interview" className="space-y-2">
        <h2 id="interview" className="text-xl font-semibold">
          Interview date
        </h2>
        <p className="text-sm">
          With a date set, reviews aim at it: FSRS is asked for {Math.round(INTERVIEW_RETENTION * 100)}% recall instead of 90%, and no
          interval reaches past the day before the interview (items already scheduled later are pulled in to that day).
        </p>
        <InterviewDateForm current={overview.interviewDate} />
      </section>
    </div>
  );
}
