import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { shareActor } from "@/server/share-link";
import { getCandidateReview, getSetAttempt, getSetLanding } from "@/server/data/sets";
import { submitSetAttemptAction } from "@/server/actions/sets";
import { Markdown } from "@/components/ui/markdown";
import { QuizRunner, type RunnerAttempt } from "@/components/quiz/quiz-runner";
import { RichText, needsMarkdown } from "@/components/quiz/rich-text";
import { SetStartForm } from "@/components/sets/start-form";
import { SetReview } from "@/components/sets/set-review";
import { link, muted } from "@/components/ui/styles";

// Per request: the share cookie, the candidate's attempt and the set's policy decide everything shown.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Question set", referrer: "no-referrer", robots: { index: false } };

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

export default async function SharedSetPage() {
  const { actor, capability } = await shareActor({ createGuest: false });
  if (!capability) notFound();
  const setId = capability.scope.id;
  const landing = await getSetLanding(actor, setId).catch(() => null);
  if (!landing) notFound();
  const open = landing.attempts.find((a) => a.status === "in_progress");

  if (open) {
    const view = await getSetAttempt(actor, setId, open.id);
    const attempt: RunnerAttempt = {
      id: view.id,
      questionSlug: "",
      items: view.items.map(({ promptHtml: _html, ...item }) => item),
      answers: view.answers,
      answersVersion: view.answersVersion,
      deadline: view.deadline,
      serverNow: view.serverNow,
    };
    const prompts = Object.fromEntries(view.items.map((i) => [i.id, <Markdown key={i.id} markdown={i.prompt} />]));
    const texts = Object.fromEntries(
      view.items
        .flatMap((i) =>
          (i.type === "single" || i.type === "multiple" ? i.options : i.type === "ordering" ? i.entries : []).map(
            (o) => [i.id, o] as const,
          ),
        )
        .filter(([, o]) => needsMarkdown(o.text))
        .map(([itemId, o]) => [`${itemId}:${o.id}`, <RichText key={o.id} text={o.text} />]),
    );
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{landing.title}</h1>
        {landing.openBookNote && (
          <aside aria-label="Open-book note" className="rounded-md border border-sky-600 p-3">
            <Markdown markdown={landing.openBookNote} />
          </aside>
        )}
        <QuizRunner
          attempt={attempt}
          prompts={prompts}
          texts={texts}
          guest={actor.kind === "guest"}
          submit={submitSetAttemptAction}
          doneHref="/s"
          freeTextNote="Your answer (the person who shared this set grades it)"
        />
      </div>
    );
  }

  const last = landing.attempts.at(-1);
  const review = last ? await getCandidateReview(actor, setId, last.id) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{landing.title}</h1>
      {review && <SetReview review={review} />}
      <section aria-labelledby="about" className="space-y-3">
        <h2 id="about" className="text-xl font-semibold">
          About this set
        </h2>
        <Markdown markdown={landing.intro} />
        <ul className={`list-disc pl-6 ${muted}`}>
          <li>{landing.itemCount} questions</li>
          <li>{landing.timeLimitMinutes ? `Time limit: ${landing.timeLimitMinutes} minutes, from when you start` : "No time limit"}</li>
          <li>{landing.attemptsAllowed === 1 ? "One attempt" : `Up to ${landing.attemptsAllowed} attempts`}</li>
          {landing.opensAt && <li>Opens {when(landing.opensAt)}</li>}
          {landing.closesAt && <li>Closes {when(landing.closesAt)}</li>}
        </ul>
        {landing.openBookNote && (
          <aside aria-label="Open-book note" className="rounded-md border border-sky-600 p-3">
            <Markdown markdown={landing.openBookNote} />
          </aside>
        )}
      </section>
      {landing.canStart.ok ? (
        <SetStartForm guest={actor.kind !== "user"} resume={false} />
      ) : (
        <p role="status">
          {landing.canStart.reason}
          {landing.accountRequired && actor.kind !== "user" && (
            <>
              {" "}
              <Link href="/signin?callbackUrl=%2Fs" className={link}>
                Sign in
              </Link>
            </>
          )}
        </p>
      )}
    </div>
  );
}
