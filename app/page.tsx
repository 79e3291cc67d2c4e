import Link from "next/link";
import { getAllQuestions } from "@/server/content";
import { TOPICS } from "@/lib/schemas/question";

export default function HomePage() {
  const questions = getAllQuestions();
  const official = questions.find((q) => q.answerSource === "official");
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">
          Prepare for machine-learning interviews by doing, not only reading.
        </h1>
        <p className="max-w-2xl text-lg text-slate-700 dark:text-slate-300">
          Official interview questions with their official answers, structured explanations, graded quizzes, and a lab where you freeze
          layers of a pretrained network in your browser and watch cost and accuracy trade off.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/questions" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            Browse {questions.length} questions
          </Link>
          {official && (
            <Link
              href={`/questions/${official.slug}`}
              className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Start with the official question
            </Link>
          )}
        </div>
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="mb-3 text-xl font-semibold">
          Topics
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {Object.entries(TOPICS).map(([key, label]) => {
            const n = questions.filter((q) => q.topic === key).length;
            return (
              <li key={key}>
                <Link
                  href={`/questions?topic=${key}`}
                  className="block rounded-lg border border-slate-200 p-4 hover:border-brand-600 dark:border-slate-800"
                >
                  <span className="font-medium">{label}</span>
                  <span className="block text-sm text-slate-600 dark:text-slate-400">
                    {n} question{n === 1 ? "" : "s"}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
