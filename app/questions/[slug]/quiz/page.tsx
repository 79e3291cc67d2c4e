import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { getQuestion, getQuizItemsWithKey } from "@/server/content";
import { currentActor } from "@/server/data/quiz-actor";
import { findOpenAttempt, getMistakeItemIds, listAttempts } from "@/server/data/attempt-views";
import { Markdown } from "@/components/ui/markdown";
import { QuizRunner, type RunnerAttempt } from "@/components/quiz/quiz-runner";
import { StartPanel } from "@/components/quiz/start-panel";
import { PastAttempts } from "@/components/quiz/past-attempts";
import { RichText, needsMarkdown } from "@/components/quiz/rich-text";

// Per request: the page depends on who is asking (user or guest cookie) and carries a CSP nonce.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const q = getQuestion((await params).slug);
  return q ? { title: `Quiz: ${q.title}` } : {};
}

export default async function QuizPage({ params }: Params) {
  const { slug } = await params;
  const question = getQuestion(slug);
  // Only the item count is read from the keyed items here; the items themselves stay on the server.
  const itemCount = getQuizItemsWithKey(slug)?.length ?? 0;
  if (!question || itemCount === 0) notFound();
  const actor = await currentActor({ create: false });
  const open = actor ? await findOpenAttempt(actor, slug) : null;

  const header = (
    <header className="space-y-1">
      <p>
        {/* prefetch off: the question page holds the answer; nothing of it loads in the background during a quiz. */}
        <Link href={`/questions/${slug}`} prefetch={false} className="text-brand-700 underline dark:text-brand-300">
          ← {question.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Quiz{open?.mode === "mistakes" ? ": retry my mistakes" : ""}</h1>
    </header>
  );

  if (open) {
    // Build the client's props field by field: the public items without their rendered HTML (the
    // prompts go as server-rendered nodes), so nothing but the public view crosses to the browser.
    const attempt: RunnerAttempt = {
      id: open.id,
      questionSlug: open.questionSlug,
      items: open.items.map(({ promptHtml: _html, ...item }) => item),
      answers: open.answers,
      answersVersion: open.answersVersion,
      deadline: open.deadline,
      serverNow: open.serverNow,
    };
    const prompts = Object.fromEntries(open.items.map((i) => [i.id, <Markdown key={i.id} markdown={i.prompt} />]));
    // Option and entry texts with math or code, rendered here too (public text only, like the prompts).
    const texts = Object.fromEntries(
      open.items
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
        {header}
        <QuizRunner attempt={attempt} prompts={prompts} texts={texts} guest={actor?.kind === "guest"} />
      </div>
    );
  }

  const [mistakes, past] = actor ? await Promise.all([getMistakeItemIds(actor, slug), listAttempts(actor, slug)]) : [[], []];
  return (
    <div className="space-y-8">
      {header}
      <StartPanel slug={slug} itemCount={itemCount} mistakeCount={mistakes.length} />
      {actor?.kind !== "user" && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Not signed in? You can still take the quiz: progress is kept for this browser, and you can add it to your account after you{" "}
          <Link href="/signup" className="underline">
            sign up
          </Link>
          .
        </p>
      )}
      <PastAttempts attempts={past.filter((a) => a.status === "submitted")} />
    </div>
  );
}
