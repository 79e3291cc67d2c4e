import type { ItemResult, QuizItem } from "@/lib/quiz/types";
import { toCsv, type CsvValue } from "./csv";

/**
 * Results of a set across its candidates, computed from stored attempts (the server's grades, never
 * re-derived from a client). Each attempt carries its own item snapshot, so an item edited after some
 * candidates started is shown to each candidate as they saw it; per-item figures group by item id.
 */

export type LabRunSummary = {
  id: string;
  createdAt: string;
  preset: string | null;
  /** The run's settings and numbers as stored (shown as they are; `replayHref` opens the lab with the same settings). */
  settings: Record<string, unknown>;
  results: unknown;
  prediction: unknown;
  calibration: number | null;
  replayHref: string | null;
};

export type ResultsAttempt = {
  attemptId: string;
  name: string;
  email: string | null;
  /** Set when the candidate was signed in. */
  userId: string | null;
  status: "in_progress" | "submitted";
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  max: number;
  items: readonly QuizItem[];
  answers: Record<string, unknown>;
  results: readonly ItemResult[] | null;
  /** Free-text grades: per item id the ticked rubric points (in a set, the owner's grade; decision 039). */
  selfGrades?: Record<string, unknown>;
  labRuns: readonly LabRunSummary[];
};

export type CandidateAnswer = {
  itemId: string;
  /** The candidate's answer as text ("" when unanswered). */
  answer: string;
  key: string;
  score: number | null;
  verdict: ItemResult["correct"] | null;
  /** Free-text items only: the rubric with the points the owner ticked, and whether the owner has graded it. */
  rubric?: { text: string; ticked: boolean }[];
  graded?: boolean;
};

export type CandidateRow = {
  attemptId: string;
  name: string;
  email: string | null;
  status: ResultsAttempt["status"];
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  max: number;
  timeTakenSeconds: number | null;
  answers: CandidateAnswer[];
  labRuns: readonly LabRunSummary[];
};

export type ItemSummary = {
  itemId: string;
  type: QuizItem["type"];
  prompt: string;
  key: string;
  /** Submitted attempts that held this item. */
  attempts: number;
  right: number;
  /** right / attempts, null with no submitted attempt. */
  shareRight: number | null;
  /** The wrong answer chosen most often (ties: the first in the item's order), null when none. */
  mostChosenWrong: { answer: string; count: number } | null;
};

export type SetResults = { candidates: CandidateRow[]; items: ItemSummary[] };

const own = (r: Record<string, unknown>, k: string) => (Object.hasOwn(r, k) ? r[k] : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});

/** The key of an item as text. */
export function keyText(item: QuizItem): string {
  switch (item.type) {
    case "single":
    case "multiple":
      return item.options
        .filter((o) => o.correct)
        .map((o) => o.text)
        .join("; ");
    case "truefalse":
      return String(item.answer);
    case "numeric":
      return `${item.answer}${item.tolerance ? ` ± ${item.tolerance}` : ""}${item.unit ? ` ${item.unit}` : ""}`;
    case "ordering":
      return item.entries.map((e) => e.text).join(" → ");
    case "freetext":
      return item.modelAnswer;
  }
}

/** A stored response as text, and the wrong choices in it (for the most-chosen-wrong tally). */
function describe(item: QuizItem, raw: unknown): { text: string; wrong: string[] } {
  const r = obj(raw);
  switch (item.type) {
    case "single": {
      const o = item.options.find((x) => x.id === r.optionId);
      return { text: o?.text ?? "", wrong: o && !o.correct ? [o.text] : [] };
    }
    case "multiple": {
      const ids = Array.isArray(r.optionIds) ? r.optionIds : [];
      const chosen = item.options.filter((o) => ids.includes(o.id));
      return { text: chosen.map((o) => o.text).join("; "), wrong: chosen.filter((o) => !o.correct).map((o) => o.text) };
    }
    case "truefalse":
      if (typeof r.value !== "boolean") return { text: "", wrong: [] };
      return { text: String(r.value), wrong: r.value !== item.answer ? [String(r.value)] : [] };
    case "numeric": {
      const v = typeof r.value === "number" ? r.value : typeof r.value === "string" ? Number(r.value) : NaN;
      if (!Number.isFinite(v)) return { text: "", wrong: [] };
      return { text: String(v), wrong: Math.abs(v - item.answer) > item.tolerance ? [String(v)] : [] };
    }
    case "ordering": {
      const order = Array.isArray(r.order) ? r.order : [];
      const text = order.map((id) => item.entries.find((e) => e.id === id)?.text ?? "?").join(" → ");
      const right = order.length === item.entries.length && item.entries.every((e, i) => order[i] === e.id);
      return { text, wrong: text && !right ? [text] : [] };
    }
    case "freetext":
      return { text: typeof r.text === "string" ? r.text : "", wrong: [] };
  }
}

export function aggregateResults(currentItems: readonly QuizItem[], attempts: readonly ResultsAttempt[]): SetResults {
  type Tally = { attempts: number; right: number; wrong: Map<string, number> };
  const tallies = new Map<string, Tally>();
  const candidates = attempts.map((a): CandidateRow => {
    const results = new Map((a.results ?? []).map((r) => [r.itemId, r]));
    const answers = a.items.map((item): CandidateAnswer => {
      const d = describe(item, own(a.answers, item.id));
      const result = results.get(item.id) ?? null;
      if (a.status === "submitted" && result) {
        const t = tallies.get(item.id) ?? { attempts: 0, right: 0, wrong: new Map<string, number>() };
        t.attempts++;
        if (result.correct === "right") t.right++;
        for (const w of d.wrong) t.wrong.set(w, (t.wrong.get(w) ?? 0) + 1);
        tallies.set(item.id, t);
      }
      const base = { itemId: item.id, answer: d.text, key: keyText(item), score: result?.score ?? null, verdict: result?.correct ?? null };
      if (item.type !== "freetext") return base;
      const grade = own(a.selfGrades ?? {}, item.id);
      const ticked = new Set(Array.isArray(grade) ? grade : []);
      return { ...base, rubric: item.rubric.map((text, i) => ({ text, ticked: ticked.has(i) })), graded: Array.isArray(grade) };
    });
    const taken = a.submittedAt ? Math.max(0, Math.round((a.submittedAt.getTime() - a.startedAt.getTime()) / 1000)) : null;
    return {
      attemptId: a.attemptId,
      name: a.name,
      email: a.email,
      status: a.status,
      startedAt: a.startedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      score: a.score,
      max: a.max,
      timeTakenSeconds: taken,
      answers,
      labRuns: a.labRuns,
    };
  });
  const items = currentItems.map((item): ItemSummary => {
    const t = tallies.get(item.id);
    let top: ItemSummary["mostChosenWrong"] = null;
    for (const [answer, count] of t?.wrong ?? []) if (!top || count > top.count) top = { answer, count };
    return {
      itemId: item.id,
      type: item.type,
      prompt: item.prompt,
      key: keyText(item),
      attempts: t?.attempts ?? 0,
      right: t?.right ?? 0,
      shareRight: t && t.attempts > 0 ? t.right / t.attempts : null,
      mostChosenWrong: top,
    };
  });
  return { candidates, items };
}

/** One row per candidate; per item its answer, score and the key; neutralised against formula injection. */
export function resultsCsv(results: SetResults): string {
  const itemIds = results.items.map((i) => i.itemId);
  const header: CsvValue[] = ["name", "email", "status", "score", "max", "time_taken_seconds", "started_at", "submitted_at", "lab_runs"];
  for (const id of itemIds) header.push(`${id} answer`, `${id} score`, `${id} key`);
  const rows: CsvValue[][] = [header];
  for (const c of results.candidates) {
    const byId = new Map(c.answers.map((a) => [a.itemId, a]));
    const row: CsvValue[] = [c.name, c.email, c.status, c.score, c.max, c.timeTakenSeconds, c.startedAt, c.submittedAt, c.labRuns.length];
    for (const id of itemIds) {
      const a = byId.get(id);
      row.push(a?.answer ?? null, a?.score ?? null, a?.key ?? null);
    }
    rows.push(row);
  }
  return toCsv(rows);
}
