import { collectKeyMaterial, type KeyMaterial } from "./keys";
import type { QuizItem } from "./types";

/**
 * A scanner for answer-key leaks in anything the server sends before submit (HTML, RSC payloads, JSON,
 * bundles). Key prose rarely reaches a page verbatim: Markdown turns `**x**` into `<strong>x</strong>`,
 * JSON escapes quotes, HTML escapes `&`. So both sides are reduced to lowercase words and compared as
 * runs of `WINDOW` consecutive words ("shingles"). Runs that also occur in the quiz's public text
 * (prompts, options, entries, units: a rationale may quote its option) are not evidence of a leak and
 * are dropped. Math rendered by KaTeX is mangled beyond recognition, so this complements, not replaces,
 * a canary test.
 */

/** Words per shingle: long enough that ordinary phrases don't collide, short enough to survive markup. */
export const WINDOW = 6;

/** Lowercase words of letters and digits; everything else (markup, punctuation, escapes) separates words. */
export function words(text: string): string[] {
  return text
    .replace(/\\[nrt]/g, " ") // JSON escapes of whitespace
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, " ") // HTML entities
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every run of `n` consecutive words, joined by single spaces. */
function runs(ws: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(" "));
  return out;
}

/** All public text of a quiz, the text a candidate is allowed to see before submit. */
function publicTexts(item: QuizItem): string[] {
  const texts = [item.prompt];
  if (item.type === "single" || item.type === "multiple") texts.push(...item.options.map((o) => o.text));
  if (item.type === "ordering") texts.push(...item.entries.map((e) => e.text));
  if (item.type === "numeric" && item.unit !== undefined) texts.push(item.unit);
  return texts;
}

export type KeyFingerprint = { material: KeyMaterial; shingles: string[] };

/**
 * The searchable fingerprint of every prose key string (`kind: "text"`) of the quizzes: its word runs
 * minus those found in any public text. Key prose shorter than `WINDOW` words is matched whole (as a
 * run of all its words) when it has at least 3 words; shorter phrases can't be told apart from
 * ordinary text and are left to the structural checks.
 */
export function keyFingerprints(items: readonly QuizItem[]): KeyFingerprint[] {
  const publicRuns = new Set<string>();
  const publicWords = items.flatMap(publicTexts).map(words);
  for (const ws of publicWords) for (const s of runs(ws, WINDOW)) publicRuns.add(s);
  const publicJoined = ` ${publicWords.map((ws) => ws.join(" ")).join(" | ")} `;
  return items.flatMap(collectKeyMaterial).flatMap((material) => {
    if (material.kind !== "text") return [];
    const ws = words(material.value);
    if (ws.length >= WINDOW) {
      const own = [...new Set(runs(ws, WINDOW))].filter((s) => !publicRuns.has(s));
      return own.length > 0 ? [{ material, shingles: own }] : [];
    }
    const whole = ws.join(" ");
    return ws.length >= 3 && !publicJoined.includes(` ${whole} `) ? [{ material, shingles: [whole] }] : [];
  });
}

/**
 * The key strings of which `body` contains at least one fingerprint run. Pass the fingerprints once
 * per quiz and call this for every response body captured before submit; the expected answer is [].
 */
export function findKeyLeaks(fingerprints: readonly KeyFingerprint[], body: string): KeyMaterial[] {
  // One set of body runs per run length in use (WINDOW, or 3–5 for short key phrases): linear in the body.
  const bodyWords = words(body);
  const bodyRuns = new Map<number, Set<string>>();
  const has = (run: string) => {
    const n = run.split(" ").length;
    let set = bodyRuns.get(n);
    if (set === undefined) bodyRuns.set(n, (set = new Set(runs(bodyWords, n))));
    return set.has(run);
  };
  return fingerprints.filter((f) => f.shingles.some(has)).map((f) => f.material);
}

/** The numbers written in a text ("2245", "0.5", "1,024" → 1024), as numbers. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter(Number.isFinite);
}

/**
 * The numeric answers that a piece of fixed interface copy (a hint, placeholder, label or example shown
 * next to every item) spells out. Copy shown beside every item must name none of them: "such as 2245"
 * under the item whose answer is 2245 gives it away. The expected answer is [].
 */
export function numericKeysInCopy(items: readonly QuizItem[], copy: string): KeyMaterial[] {
  const said = new Set(numbersIn(copy));
  return items.flatMap((item) =>
    item.type === "numeric" && said.has(item.answer)
      ? [{ path: `${item.id}.answer`, value: String(item.answer), kind: "value" as const }]
      : [],
  );
}
