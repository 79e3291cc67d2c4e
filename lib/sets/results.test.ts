import { describe, expect, it } from "vitest";
import { gradeAttempt } from "@/lib/quiz/grade";
import type { QuizItem } from "@/lib/schemas/quiz";
import { aggregateResults, resultsCsv, type ResultsAttempt } from "./results";

const ITEMS: QuizItem[] = [
  {
    id: "s",
    type: "single",
    prompt: "One?",
    keyPoint: 0,
    options: [
      { id: "a", text: "right", correct: true, rationale: "r" },
      { id: "b", text: "wrong-b", correct: false, rationale: "r" },
      { id: "c", text: "wrong-c", correct: false, rationale: "r" },
    ],
  },
  { id: "n", type: "numeric", prompt: "Num?", keyPoint: 0, answer: 10, tolerance: 1, unit: "kg", rationale: "r" },
  { id: "t", type: "truefalse", prompt: "TF?", keyPoint: 0, answer: true, rationale: "r" },
];

function attempt(name: string, answers: Record<string, unknown>, submitted = true): ResultsAttempt {
  const grade = gradeAttempt(ITEMS, answers);
  const startedAt = new Date("2026-12-01T10:00:00Z");
  return {
    attemptId: `att-${name}`,
    name,
    email: `${name}@example.test`,
    userId: null,
    status: submitted ? "submitted" : "in_progress",
    startedAt,
    submittedAt: submitted ? new Date(startedAt.getTime() + 95_000) : null,
    score: submitted ? grade.score : null,
    max: grade.max,
    items: ITEMS,
    answers,
    results: submitted ? grade.items : null,
    labRuns: [],
  };
}

describe("results aggregation", () => {
  const attempts = [
    attempt("ann", { s: { type: "single", optionId: "a" }, n: { type: "numeric", value: 10.5 }, t: { type: "truefalse", value: true } }),
    attempt("bob", { s: { type: "single", optionId: "c" }, n: { type: "numeric", value: 3 }, t: { type: "truefalse", value: false } }),
    attempt("cy", { s: { type: "single", optionId: "c" }, n: { type: "numeric", value: 3 } }),
    attempt("dee", { s: { type: "single", optionId: "b" } }, false),
  ];
  const r = aggregateResults(ITEMS, attempts);

  it("per candidate: score, time taken, answer next to the key", () => {
    expect(r.candidates[0]).toMatchObject({ name: "ann", score: 3, max: 3, timeTakenSeconds: 95 });
    expect(r.candidates[1]!.answers).toEqual([
      { itemId: "s", answer: "wrong-c", key: "right", score: 0, verdict: "wrong" },
      { itemId: "n", answer: "3", key: "10 ± 1 kg", score: 0, verdict: "wrong" },
      { itemId: "t", answer: "false", key: "true", score: 0, verdict: "wrong" },
    ]);
    expect(r.candidates[3]).toMatchObject({ status: "in_progress", score: null, timeTakenSeconds: null });
  });

  it("per item: share right over submitted attempts and the most-chosen wrong answer", () => {
    expect(r.items.map((i) => [i.itemId, i.attempts, i.right, i.shareRight, i.mostChosenWrong])).toEqual([
      ["s", 3, 1, 1 / 3, { answer: "wrong-c", count: 2 }], // dee's in-progress "wrong-b" does not count
      ["n", 3, 1, 1 / 3, { answer: "3", count: 2 }],
      ["t", 3, 1, 1 / 3, { answer: "false", count: 1 }],
    ]);
  });

  it("an item nobody has submitted has no share", () => {
    const none = aggregateResults(ITEMS, [attempts[3]!]);
    expect(none.items[0]).toMatchObject({ attempts: 0, shareRight: null, mostChosenWrong: null });
  });

  it("CSV: a header, one row per candidate, names neutralised", () => {
    const evil = attempt('=HYPERLINK("http://evil.test")', { s: { type: "single", optionId: "a" } });
    const csv = resultsCsv(aggregateResults(ITEMS, [evil]));
    const [header, row] = csv.split("\r\n");
    expect(header).toBe(
      "name,email,status,score,max,time_taken_seconds,started_at,submitted_at,lab_runs," +
        "s answer,s score,s key,n answer,n score,n key,t answer,t score,t key",
    );
    expect(row!.startsWith('"\'=HYPERLINK(""http://evil.test"")",')).toBe(true);
  });
});
