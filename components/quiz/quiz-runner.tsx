"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { PublicQuizItem } from "@/lib/quiz";
import { NUMBER_TEXT } from "@/lib/quiz/responses";
import { submitAttemptAction } from "@/server/actions/quiz";
import type { ActionResult } from "@/lib/action-result";
import { callAction } from "@/components/ui/use-server-action";
import { ItemInput, type Draft } from "@/components/quiz/item-input";
import { QuizTimer } from "@/components/quiz/quiz-timer";
import { SaveStatusLine } from "@/components/quiz/save-status";
import { useAutosave } from "@/components/quiz/use-autosave";
import { btnPrimary, btnSecondary, muted } from "@/components/ui/styles";
import { useQuizKeys } from "@/components/quiz/use-quiz-keys";

/**
 * Takes one attempt: public items only (the page strips even the rendered prompt HTML and passes the
 * prompts as server-rendered nodes). Answers autosave; Submit sends the answers once more and opens
 * the review page, which the server renders from the graded attempt.
 */
export type RunnerAttempt = {
  id: string;
  questionSlug: string;
  items: PublicQuizItem[];
  answers: Record<string, unknown>;
  answersVersion: number;
  deadline: string | null;
  serverNow: string;
};

/** What the server may receive for a draft: null when blank, undefined when not yet a valid answer. */
function toResponse(d: Draft | undefined): unknown {
  if (d === undefined) return null;
  if (d.type === "numeric-draft") return NUMBER_TEXT.test(d.text.trim()) ? { type: "numeric", value: d.text.trim() } : undefined;
  return d;
}

function isAnswered(d: Draft | undefined): boolean {
  const r = toResponse(d);
  if (r === null || r === undefined) return false;
  if (d?.type === "multiple") return d.optionIds.length > 0;
  if (d?.type === "freetext") return d.text.trim() !== "";
  return true;
}

type SubmitFn = (input: { attemptId: string; version: number; answers: Record<string, unknown> }) => Promise<ActionResult<unknown>>;

/**
 * `submit` and `doneHref` let a shared context take the attempt (a set: its own action, which shows what its
 * review policy allows, and its own page afterwards); by default it is personal practice.
 */
export function QuizRunner({
  attempt,
  prompts,
  texts,
  guest,
  submit: submitFn = submitAttemptAction,
  doneHref,
  freeTextNote,
}: {
  attempt: RunnerAttempt;
  prompts: Record<string, ReactNode>;
  texts: Record<string, ReactNode>;
  guest: boolean;
  submit?: SubmitFn;
  doneHref?: string;
  freeTextNote?: string;
}) {
  const router = useRouter();
  const items = attempt.items;
  const [answers, setAnswers] = useState<Record<string, Draft>>(() => attempt.answers as Record<string, Draft>);
  const answersRef = useRef(answers);
  const [layout, setLayout] = useState<"step" | "all">("step");
  const [current, setCurrent] = useState(0);
  const [expired, setExpired] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState("");
  const { status, queue, stop } = useAutosave(attempt.id, attempt.answersVersion);
  const submitButton = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const locked = expired || submitting;

  const answered = items.filter((i) => isAnswered(answers[i.id])).length;

  const change = useCallback(
    (itemId: string, d: Draft | null) => {
      if (locked) return;
      const next = { ...answersRef.current };
      if (d === null) delete next[itemId];
      else next[itemId] = d;
      answersRef.current = next;
      setAnswers(next);
      const r = toResponse(d ?? undefined);
      if (r !== undefined) queue(itemId, r);
    },
    [locked, queue],
  );

  const submit = useCallback(async () => {
    setSubmitting(true);
    setSubmitError("");
    const version = await stop();
    // The answers as they are now (for a timed quiz: as they were when the display timer hit 0).
    const final: Record<string, unknown> = {};
    for (const [id, d] of Object.entries(answersRef.current)) {
      const r = toResponse(d);
      if (r !== undefined && r !== null) final[id] = r;
    }
    const r = await callAction(() => submitFn({ attemptId: attempt.id, version, answers: final }));
    if (!r.ok) {
      setSubmitError(r.code === "unreachable" ? `${r.error} Your answers are kept on this page.` : r.error);
      setSubmitting(false);
      return;
    }
    if (doneHref) {
      router.push(doneHref);
      router.refresh();
    } else router.push(`/questions/${attempt.questionSlug}/quiz/${attempt.id}`);
  }, [attempt.id, attempt.questionSlug, doneHref, router, stop, submitFn]);

  const onExpire = useCallback(() => {
    setExpired(true);
    void submit();
  }, [submit]);

  const focusItem = useCallback((index: number) => {
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-item-index="${index}"] h2`)?.focus());
  }, []);

  const advance = useCallback(
    (index: number) => {
      if (index >= items.length - 1) {
        submitButton.current?.focus();
        return;
      }
      if (layout === "step") setCurrent(index + 1);
      focusItem(index + 1);
    },
    [focusItem, items.length, layout],
  );

  useQuizKeys({ root, currentIndex: layout === "step" ? current : null, onEnter: advance, disabled: locked });

  useEffect(() => {
    answersRef.current = answers;
  }, [answers]);

  const shown = layout === "step" ? [current] : items.map((_, i) => i);

  return (
    <div ref={root} className="space-y-6">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white/95 py-3 dark:border-slate-800 dark:bg-slate-950/95">
        <p aria-live="polite" className="font-medium">
          {answered} of {items.length} answered
        </p>
        <SaveStatusLine status={status} />
        {attempt.deadline && <QuizTimer deadline={attempt.deadline} serverNow={attempt.serverNow} onExpire={onExpire} />}
        <button type="button" className={`${btnSecondary} ml-auto text-sm`} onClick={() => setLayout(layout === "step" ? "all" : "step")}>
          {layout === "step" ? "Show all questions on one page" : "Show one question at a time"}
        </button>
      </div>
      <p className={`text-sm ${muted}`}>
        Keys: <kbd>1</kbd>–<kbd>9</kbd> choose an option of the current question, <kbd>Enter</kbd> goes to the next one.
        {guest && " You are not signed in: your progress is kept for this browser, and you can add it to an account after signing up."}
      </p>
      {expired && (
        <p role="alert" className="rounded-md border border-rose-400 p-3">
          Time is up. Your answers up to now are being submitted; nothing typed after this counts.
        </p>
      )}

      {shown.map((i) => {
        const item = items[i]!;
        return (
          <section
            key={item.id}
            data-item-id={item.id}
            data-item-index={i}
            aria-labelledby={`q-${item.id}`}
            className="space-y-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
          >
            <h2
              id={`q-${item.id}`}
              tabIndex={-1}
              className="text-sm font-semibold uppercase tracking-wide text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-slate-400"
            >
              Question {i + 1} of {items.length}
              {isAnswered(answers[item.id]) ? " · answered" : ""}
            </h2>
            <div className="text-lg">{prompts[item.id]}</div>
            <ItemInput
              item={item}
              texts={texts}
              value={answers[item.id]}
              disabled={locked}
              onChange={(d) => change(item.id, d)}
              freeTextNote={freeTextNote}
            />
            {answers[item.id]?.type === "numeric-draft" && toResponse(answers[item.id]) === undefined && (
              <p className="text-sm text-rose-700 dark:text-rose-300">That is not a plain number yet; it will be saved once it is.</p>
            )}
          </section>
        );
      })}

      <div className="flex flex-wrap items-center gap-3">
        {layout === "step" && (
          <>
            <button
              type="button"
              className={btnSecondary}
              disabled={current === 0}
              onClick={() => (setCurrent(current - 1), focusItem(current - 1))}
            >
              Previous
            </button>
            <button type="button" className={btnSecondary} disabled={current === items.length - 1} onClick={() => advance(current)}>
              Next
            </button>
          </>
        )}
        <button ref={submitButton} type="button" className={`${btnPrimary} ml-auto`} disabled={submitting} onClick={() => void submit()}>
          {submitting ? "Submitting…" : "Submit for grading"}
        </button>
      </div>
      {answered < items.length && !submitting && (
        <p className={`text-sm ${muted}`}>{items.length - answered} unanswered question(s) will score 0.</p>
      )}
      {submitError && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {submitError}
        </p>
      )}
    </div>
  );
}
