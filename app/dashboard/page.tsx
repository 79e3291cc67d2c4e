import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/server/auth";
import { listProgress } from "@/server/data/progress";
import { getAllQuestions } from "@/server/content";
import { TOPICS, type Topic } from "@/lib/schemas/question";
import { listAttempts } from "@/server/data/attempt-views";
import { countGuestAttempts } from "@/server/data/guest-import";
import { getReviewQueue } from "@/server/data/review-cards";
import { actorForViewer, guestKeyHashOfRequest } from "@/server/data/quiz-actor";
import { GuestImportBanner } from "@/components/quiz/guest-import-banner";
import { PastAttempts } from "@/components/quiz/past-attempts";
import { listTakenSets } from "@/server/data/sets";
import { formatScore } from "@/components/quiz/format";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requireViewer({ redirectTo: "/dashboard" });
  const [progress, questions] = [await listProgress(viewer), getAllQuestions()];
  const bySlug = new Map(questions.map((q) => [q.slug, q]));
  const guestHash = await guestKeyHashOfRequest();
  const [guestAttempts, attempts, due, taken] = await Promise.all([
    guestHash ? countGuestAttempts(guestHash) : 0,
    listAttempts(actorForViewer(viewer)),
    getReviewQueue(viewer.id),
    listTakenSets(actorForViewer(viewer)),
  ]);
  const dueItems = due.reduce((n, q) => n + q.itemIds.length, 0);
  const perTopic = new Map<Topic, { graded: number; hit: number; total: number; count: number }>();
  for (const q of questions) {
    const t = perTopic.get(q.topic) ?? { graded: 0, hit: 0, total: 0, count: 0 };
    t.count++;
    perTopic.set(q.topic, t);
  }
  for (const p of progress) {
    const q = bySlug.get(p.questionSlug);
    if (!q) continue;
    const t = perTopic.get(q.topic)!;
    t.graded++;
    t.hit += p.keyPointsHit.length;
    t.total += p.keyPointsTotal;
  }
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Your progress</h1>
      <p>Signed in as {viewer.name ?? viewer.email}.</p>
      {guestAttempts > 0 && <GuestImportBanner count={guestAttempts} />}
      <p>
        <Link href="/review" className="underline">
          Review queue
        </Link>
        : {dueItems ? `${dueItems} quiz item${dueItems === 1 ? "" : "s"} due in ${due.length} question${due.length === 1 ? "" : "s"}` : "nothing due now"}
        {" · "}
        <Link href="/settings/tokens" className="underline">
          API tokens
        </Link>
      </p>
      <section aria-labelledby="per-topic">
        <h2 id="per-topic" className="mb-3 text-xl font-semibold">
          By topic
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-2">Topic</th>
              <th scope="col">Self-graded</th>
              <th scope="col">Key points covered</th>
            </tr>
          </thead>
          <tbody>
            {[...perTopic].map(([topic, t]) => (
              <tr key={topic} className="border-b border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-2 font-normal">
                  <Link href={`/questions?topic=${topic}`} className="underline">
                    {TOPICS[topic]}
                  </Link>
                </th>
                <td>
                  {t.graded} / {t.count}
                </td>
                <td>{t.total ? `${Math.round((100 * t.hit) / t.total)}%` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PastAttempts attempts={attempts.filter((a) => a.status === "submitted").slice(0, 5)} showQuestion titleOf={(slug) => bySlug.get(slug)?.title ?? slug} />
      {taken.length > 0 && (
        <section aria-labelledby="taken">
          <h2 id="taken" className="mb-3 text-xl font-semibold">
            Question sets you took
          </h2>
          <ul className="list-disc space-y-1 pl-6">
            {taken.map((t) => (
              <li key={t.attemptId}>
                {t.title} — {t.status === "submitted" ? `submitted ${t.submittedAt?.slice(0, 16).replace("T", " ")} UTC` : "in progress"}
                {t.score !== null && t.maxScore !== null ? `, ${formatScore(t.score)} / ${t.maxScore}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="recent">
        <h2 id="recent" className="mb-3 text-xl font-semibold">
          Recently graded
        </h2>
        {progress.length ? (
          <ul className="list-disc space-y-1 pl-6">
            {progress.map((p) => (
              <li key={p.questionSlug}>
                <Link href={`/questions/${p.questionSlug}`} className="underline">
                  {bySlug.get(p.questionSlug)?.title ?? p.questionSlug}
                </Link>{" "}
                — {p.keyPointsHit.length} of {p.keyPointsTotal} key points
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Nothing yet. Open a <Link href="/questions" className="underline">question</Link>, reveal the answer and tick the key points you covered.
          </p>
        )}
      </section>
    </div>
  );
}
