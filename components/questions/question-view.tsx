import Link from "next/link";
import type { Question } from "@/lib/schemas/question";
import { ROLES, TOPICS } from "@/lib/schemas/question";
import { relatedQuestions } from "@/lib/content/related";
import { Markdown } from "@/components/ui/markdown";
import { DifficultyBadge } from "@/components/questions/difficulty-badge";
import { KeyPointChecklist } from "@/components/questions/key-point-checklist";
import { RichText } from "@/components/quiz/rich-text";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The official answer is shown verbatim: its paragraphs as plain text, never through Markdown. */
function VerbatimParagraphs({ text }: { text: string }) {
  return (
    <div className="space-y-3 leading-7">
      {text.split(/\n\s*\n/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

/**
 * A question laid out as its source does (Question · Instruction · Context · Official Answer ·
 * Related Questions). The answer waits behind a disclosure so the candidate thinks first; a
 * <details> element keeps that working without JavaScript.
 */
export function QuestionView({ question: q, all }: { question: Question; all: Question[] }) {
  const official = q.answerSource === "official";
  const related = relatedQuestions(q, all);
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <Link href={`/questions?topic=${q.topic}`} className="underline">
            {TOPICS[q.topic]}
          </Link>
          <DifficultyBadge difficulty={q.difficulty} />
          <span>{ROLES[q.role]}</span>
        </p>
        <h1 className="text-2xl font-bold sm:text-3xl">{q.title}</h1>
        {/* prefetch off: the quiz page is per request (guest cookie, attempt in progress). */}
        <p>
          <Link href={`/questions/${q.slug}/quiz`} prefetch={false} className="font-medium text-brand-700 underline dark:text-brand-300">
            Take the quiz
          </Link>
        </p>
      </header>

      <Section id="question" title="Question">
        <p className="text-lg">{q.question}</p>
      </Section>
      <Section id="instruction" title="Instruction">
        <p>{q.instruction}</p>
      </Section>
      <Section id="context" title="Context">
        <p>{q.context}</p>
      </Section>

      <details className="group rounded-lg border border-slate-300 p-4 dark:border-slate-700">
        <summary className="cursor-pointer font-medium text-brand-700 dark:text-brand-300">
          <span className="group-open:hidden">Think first, then reveal the {official ? "official answer" : "answer"}</span>
          <span className="hidden group-open:inline">Hide the answer</span>
        </summary>
        <div className="mt-6 space-y-8">
          <Section id="answer" title={official ? "Official Answer" : "Answer"}>
            {official ? (
              <VerbatimParagraphs text={q.answer} />
            ) : (
              <>
                <p className="text-sm text-slate-600 dark:text-slate-400">Written for Layerwise.</p>
                <Markdown markdown={q.answer} />
              </>
            )}
          </Section>

          <Section id="key-points" title="Key points: grade your own answer">
            {/* Rendered here, on the server, through the one Markdown pipeline (code, math, emphasis). */}
            <KeyPointChecklist
              slug={q.slug}
              keyPoints={q.keyPoints.map((kp, i) => (
                <RichText key={i} text={kp} />
              ))}
            />
          </Section>

          <Section id="poor-answer" title="A common poor answer">
            <blockquote className="border-l-4 border-rose-300 pl-4 italic dark:border-rose-800">{q.poorAnswer.answer}</blockquote>
            <p>
              <strong>Why it falls short:</strong> {q.poorAnswer.why}
            </p>
          </Section>

          <Section id="follow-ups" title="Follow-up questions">
            <ul className="list-disc space-y-1 pl-6">
              {q.followUps.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </Section>

          {q.reviewerNotes && (
            <Section id="reviewer-notes" title="Reviewer notes (Layerwise, not part of the official answer)">
              <Markdown markdown={q.reviewerNotes} />
            </Section>
          )}

          <Section id="sources" title="Sources">
            <ul className="list-disc space-y-1 pl-6">
              {q.sources.map((s) => (
                <li key={s.url}>
                  <a href={s.url} className="underline" rel="noreferrer">
                    {s.title}
                  </a>
                </li>
              ))}
            </ul>
          </Section>
        </div>
      </details>

      <Section id="related" title="Related Questions">
        {related.length ? (
          <ul className="list-disc space-y-1 pl-6">
            {related.map((r) => (
              <li key={r.slug}>
                <Link href={`/questions/${r.slug}`} className="text-brand-700 underline dark:text-brand-300">
                  {r.title}
                </Link>
                {r.reason === "shared-tags" && (
                  <span className="text-sm text-slate-600 dark:text-slate-400"> — shares {r.sharedTags.join(", ")}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">None yet.</p>
        )}
      </Section>
    </article>
  );
}
