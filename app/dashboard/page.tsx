import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/server/auth";
import { getDashboard } from "@/server/data/dashboard";
import { getGuestOffer, GUEST_OFFER_EMPTY } from "@/server/data/guest-import";
import { actorForViewer, guestKeyHashOfRequest } from "@/server/data/quiz-actor";
import { getQuestion } from "@/server/content";
import { TOPICS, type Topic } from "@/lib/schemas/question";
import { MASTERED } from "@/lib/progress/mastery";
import { GuestImportBanner } from "@/components/quiz/guest-import-banner";
import { PastAttempts } from "@/components/quiz/past-attempts";
import { RecentLabRuns } from "@/components/lab/recent-runs";
import { AccuracyChart } from "@/components/progress/accuracy-chart";
import { SignInReason } from "@/components/progress/sign-in-reason";
import { link } from "@/components/ui/styles";
import { listTakenSets } from "@/server/data/sets";
import { formatScore } from "@/components/quiz/format";

// Per request: the signed-in user's own progress.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

const pct = (x: number) => `${Math.round(x * 100)}%`;
const topicName = (t: string) => TOPICS[t as Topic] ?? t;
const titleOf = (slug: string) => getQuestion(slug)?.title ?? slug;

export default async function DashboardPage() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <SignInReason
        title="Your progress"
        why="The dashboard shows what you know per topic, your accuracy over time, your streak and what to review next. It is kept with an account, so it follows you across browsers."
        next="/dashboard"
      />
    );
  }
  const guestHash = await guestKeyHashOfRequest();
  const [d, offer, taken] = await Promise.all([
    getDashboard(viewer),
    guestHash ? getGuestOffer(guestHash) : GUEST_OFFER_EMPTY,
    listTakenSets(actorForViewer(viewer)),
  ]);
  const open = d.openAttempts[0];
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Your progress</h1>
      <p>Signed in as {viewer.name ?? viewer.email}.</p>
      <GuestImportBanner {...offer} />

      <section aria-labelledby="next" className="space-y-2">
        <h2 id="next" className="text-xl font-semibold">
          What to do next
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          <li data-testid="next-review">
            <Link href="/review" className={link}>
              Review queue
            </Link>
            : {d.review.dueNow ? `${d.review.dueNow} item${d.review.dueNow === 1 ? "" : "s"} due now` : "nothing due now"}
            {d.review.nextDue && (
              <>
                , next due <time dateTime={d.review.nextDue}>{d.review.nextDue.slice(0, 16).replace("T", " ")} UTC</time>
              </>
            )}{" "}
            ({d.review.scheduled} scheduled).
          </li>
          {d.weakest && (
            <li>
              Weakest topic:{" "}
              <Link href={`/questions?topic=${d.weakest.topic}`} className={link}>
                {topicName(d.weakest.topic)}
              </Link>{" "}
              ({pct(d.weakest.mastery)} mastery, {d.weakest.answered} of {d.weakest.questions} questions answered).
            </li>
          )}
          {open && (
            <li>
              Finish your quiz on{" "}
              <Link href={`/questions/${open.questionSlug}/quiz`} className={link}>
                {titleOf(open.questionSlug)}
              </Link>{" "}
              (in progress).
            </li>
          )}
        </ul>
      </section>

      <section aria-labelledby="totals" className="space-y-2">
        <h2 id="totals" className="text-xl font-semibold">
          Questions
        </h2>
        <dl className="flex flex-wrap gap-6">
          {[
            ["Seen", d.totals.seen],
            ["Answered", d.totals.answered],
            ["Mastered", d.totals.mastered],
            ["Day streak", d.streak.current],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="text-sm text-slate-600 dark:text-slate-400">{k}</dt>
              <dd className="text-2xl font-semibold" data-testid={`total-${String(k).toLowerCase().replace(" ", "-")}`}>
                {v}
                {k !== "Day streak" ? ` / ${d.totals.questions}` : ""}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Longest streak: {d.streak.longest} day{d.streak.longest === 1 ? "" : "s"} (a day counts with any quiz, self-grade or lab run,
          UTC).
        </p>
      </section>

      <section aria-labelledby="per-topic" className="space-y-2">
        <h2 id="per-topic" className="text-xl font-semibold">
          Mastery by topic
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-2">
                Topic
              </th>
              <th scope="col">Mastery</th>
              <th scope="col">Seen</th>
              <th scope="col">Answered</th>
              <th scope="col">Mastered</th>
            </tr>
          </thead>
          <tbody>
            {d.topics.map((t) => (
              <tr key={t.topic} className="border-b border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-2 font-normal">
                  <Link href={`/questions?topic=${t.topic}`} className={link}>
                    {topicName(t.topic)}
                  </Link>
                </th>
                <td>
                  <meter min={0} max={1} value={t.mastery} aria-label={`${topicName(t.topic)} mastery`} className="mr-2 align-middle" />{" "}
                  {pct(t.mastery)}
                </td>
                <td>
                  {t.seen} / {t.questions}
                </td>
                <td>{t.answered}</td>
                <td>{t.mastered}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          How it is computed: each quiz item counts with its FSRS retrievability now (the chance you still remember it, falling with time
          since you last answered it) times what your latest answer was worth (right 1, partly right ½, wrong 0; never answered 0); a
          question averages its items, and averages that with the share of key points you ticked when you self-graded it. A topic is the
          mean over all its questions, unseen ones as 0. A question is mastered at {pct(MASTERED)}.
        </p>
      </section>

      <section aria-labelledby="accuracy" className="space-y-2">
        <h2 id="accuracy" className="text-xl font-semibold">
          Accuracy over time
        </h2>
        <AccuracyChart points={d.accuracy} />
      </section>

      <PastAttempts attempts={d.recentAttempts} showQuestion titleOf={titleOf} />
      {taken.length > 0 && (
        <section aria-labelledby="taken" className="space-y-2">
          <h2 id="taken" className="text-xl font-semibold">
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
      {d.recentSelfGrades.length > 0 && (
        <section aria-labelledby="self-grades" className="space-y-2">
          <h2 id="self-grades" className="text-xl font-semibold">
            Recently self-graded
          </h2>
          <ul className="space-y-1">
            {d.recentSelfGrades.map((g) => (
              <li key={g.questionSlug}>
                <Link href={`/questions/${g.questionSlug}`} className={link}>
                  {titleOf(g.questionSlug)}
                </Link>{" "}
                — {g.hit} of {g.total} key points
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.recentLabRuns.length > 0 && <RecentLabRuns runs={d.recentLabRuns} />}
      <p>
        <Link href="/settings" className={link}>
          Account settings
        </Link>{" "}
        ·{" "}
        <Link href="/settings/tokens" className={link}>
          API tokens
        </Link>
      </p>
    </div>
  );
}
