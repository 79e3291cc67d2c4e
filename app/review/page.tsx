import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/server/auth";
import { getReviewQueue } from "@/server/data/review-cards";
import { RetryMistakesButton } from "@/components/quiz/retry-mistakes-button";
import { btnSecondary } from "@/components/ui/styles";

// Per request: the signed-in user's spaced-review schedule (FSRS), due as of now.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  const viewer = await requireViewer({ redirectTo: "/review" });
  const queue = await getReviewQueue(viewer.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Review queue</h1>
      <p>
        Quiz items come back on a spaced schedule: soon after a mistake, later and later after each right answer. These questions have items due
        now.
      </p>
      {queue.length === 0 ? (
        <p>
          Nothing is due. Take a quiz from a <Link href="/questions" className="underline">question</Link> and its items will be scheduled here.
        </p>
      ) : (
        <ul className="space-y-4">
          {queue.map((q) => (
            <li key={q.questionSlug} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <div className="mr-auto">
                <Link href={`/questions/${q.questionSlug}`} className="font-medium underline">
                  {q.title}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {q.itemIds.length} item{q.itemIds.length === 1 ? "" : "s"} due
                </p>
              </div>
              <RetryMistakesButton slug={q.questionSlug} />
              <Link href={`/questions/${q.questionSlug}/quiz`} className={btnSecondary}>
                Open the quiz
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
