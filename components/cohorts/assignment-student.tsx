"use client";

import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { startAssignmentAttemptAction, submitAssignmentAttemptAction, submitChallengeAction } from "@/server/actions/cohorts";
import { useServerAction } from "@/components/ui/use-server-action";
import { QuizRunner, type RunnerAttempt } from "@/components/quiz/quiz-runner";
import { btnPrimary } from "@/components/ui/styles";

const input = "w-40 max-w-full rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

type Ids = { cohortId: string; assignmentId: string };

/** Start (or, after a submit, start another if the set allows) the student's attempt at a set assignment; the page then renders the runner. */
export function StartAssignmentButton({ cohortId, assignmentId, again }: Ids & { again: boolean }) {
  const router = useRouter();
  const { run, pending, error } = useServerAction(startAssignmentAttemptAction);
  return (
    <form
      aria-label="Start the assignment"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run({ cohortId, assignmentId }, { onSuccess: () => router.refresh() });
      }}
    >
      <button type="submit" className={btnPrimary} disabled={pending}>
        {again ? "Start another attempt" : "Start"}
      </button>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}

/** The set runner, with the assignment's own submit action (the server marks late work and applies the set's review policy). */
export function AssignmentRunner({
  cohortId,
  assignmentId,
  attempt,
  prompts,
  texts,
}: Ids & { attempt: RunnerAttempt; prompts: Record<string, ReactNode>; texts: Record<string, ReactNode> }) {
  return (
    <QuizRunner
      attempt={attempt}
      prompts={prompts}
      texts={texts}
      guest={false}
      submit={(i) => submitAssignmentAttemptAction({ cohortId, assignmentId, ...i })}
      doneHref={`/cohorts/${cohortId}/assignments/${assignmentId}`}
      freeTextNote="Your answer (an instructor grades it)"
    />
  );
}

/**
 * The lab settings a student chooses for a challenge (base, n and seed are the challenge's). The server re-runs
 * them and grades its own numbers; nothing measured in this browser is sent.
 */
export function ChallengeForm({ cohortId, assignmentId, schedules, maxFrozen }: Ids & { schedules: readonly string[]; maxFrozen: number }) {
  const router = useRouter();
  const [k, setK] = useState("1");
  const [epochs, setEpochs] = useState("5");
  const [lr, setLr] = useState("0.01");
  const [bodyLr, setBodyLr] = useState("0.01");
  const [batch, setBatch] = useState("32");
  const [schedule, setSchedule] = useState(schedules[0] ?? "fixed");
  const { run, pending, error } = useServerAction(submitChallengeAction);
  function submit(e: React.FormEvent) {
    e.preventDefault();
    run(
      {
        cohortId,
        assignmentId,
        settings: { k: Number(k), epochs: Number(epochs), lr: Number(lr), bodyLr: Number(bodyLr), batch: Number(batch), schedule },
      },
      { onSuccess: () => router.refresh() },
    );
  }
  const field = (label: string, value: string, set: (v: string) => void, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <label className="block space-y-1">
      <span className="block font-medium">{label}</span>
      <input className={input} type="number" required value={value} onChange={(e) => set(e.target.value)} {...props} />
    </label>
  );
  return (
    <form onSubmit={submit} aria-label="Submit lab settings" className="space-y-3">
      <div className="flex flex-wrap gap-4">
        {field("Frozen layers", k, setK, { min: 0, max: maxFrozen, step: 1 })}
        {field("Epochs", epochs, setEpochs, { min: 1, max: 200, step: 1 })}
        {field("Learning rate (head)", lr, setLr, { min: 0.00001, max: 1, step: "any" })}
        {field("Learning rate (pretrained layers)", bodyLr, setBodyLr, { min: 0, max: 1, step: "any" })}
        {field("Batch size", batch, setBatch, { min: 1, max: 2048, step: 1 })}
        <label className="block space-y-1">
          <span className="block font-medium">Schedule</span>
          <select className={input} value={schedule} onChange={(e) => setSchedule(e.target.value)}>
            {schedules.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className={btnPrimary} disabled={pending}>
        {pending ? "Grading on the server…" : "Submit for grading"}
      </button>
      {pending && (
        <p role="status" className="text-sm">
          The server is re-running your settings; this takes a while.
        </p>
      )}
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
