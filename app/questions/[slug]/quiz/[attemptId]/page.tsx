import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import "katex/dist/katex.min.css";
import { currentActor } from "@/server/data/quiz-actor";
import { getAttemptView, getAttemptResult } from "@/server/data/attempt-views";
import { DataError } from "@/server/data/errors";
import { AttemptReview } from "@/components/quiz/attempt-review";

// Per request: the review belongs to one actor; anyone else (or nobody) gets the same 404.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Quiz review", robots: { index: false } };

type Params = { params: Promise<{ slug: string; attemptId: string }> };

export default async function AttemptReviewPage({ params }: Params) {
  const { slug, attemptId } = await params;
  const actor = await currentActor({ create: false });
  if (!actor || attemptId.length > 40) notFound();
  // Check the status through the public view first: an attempt still in progress goes back to the quiz.
  const view = await getAttemptView(actor, attemptId).catch((e: unknown) => {
    if (e instanceof DataError && e.code === "not-found") return null;
    throw e;
  });
  if (!view || view.questionSlug !== slug) notFound();
  if (view.status !== "submitted") redirect(`/questions/${slug}/quiz`);
  const result = await getAttemptResult(actor, attemptId);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p>
          <Link href={`/questions/${slug}`} className="text-brand-700 underline dark:text-brand-300">
            ← {result.questionTitle}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">Quiz review</h1>
      </header>
      <AttemptReview result={result} />
    </div>
  );
}
