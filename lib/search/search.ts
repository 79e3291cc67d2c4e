import MiniSearch, { type Options } from "minisearch";
import type { Question } from "@/lib/schemas/question";

/**
 * Full-text search over the bank with MiniSearch: ranked (BM25+), prefix and typo-tolerant
 * (fuzzy 0.2 ≈ one edit per five characters), titles weighted above questions above answers.
 * The index is built at build time (scripts/build-search-index.mts) and loaded by the server.
 */
type Doc = { slug: string; title: string; question: string; answer: string; tags: string };

export const SEARCH_OPTIONS: Options<Doc> = {
  idField: "slug",
  fields: ["title", "question", "answer", "tags"],
  storeFields: [],
  searchOptions: { boost: { title: 3, question: 2, tags: 2, answer: 1 }, fuzzy: 0.2, prefix: true, combineWith: "AND" },
};

export function buildSearchIndex(questions: Question[]): MiniSearch<Doc> {
  const index = new MiniSearch<Doc>(SEARCH_OPTIONS);
  index.addAll(questions.map((q) => ({ slug: q.slug, title: q.title, question: q.question, answer: q.answer, tags: q.tags.join(" ") })));
  return index;
}

export function loadSearchIndex(json: string): MiniSearch<Doc> {
  return MiniSearch.loadJSON<Doc>(json, SEARCH_OPTIONS);
}

export type SearchHit = { slug: string; score: number; terms: string[] };

export function search(index: MiniSearch<Doc>, query: string): SearchHit[] {
  let results = index.search(query);
  // All words should match; if that finds nothing, fall back to any word so a long query still helps.
  if (!results.length) results = index.search(query, { combineWith: "OR" });
  return results.map((r) => ({ slug: String(r.id), score: r.score, terms: [...new Set([...r.terms, ...r.queryTerms])] }));
}

/**
 * Nearest terms for a query that found nothing ("dropuot" → "dropout"): for each word, the index's terms
 * within a wider edit distance than the search itself (MiniSearch fuzzy 0.45 ≈ three edits in a 7-letter
 * word), ranked by edit distance counting a swap of neighbouring letters as one edit, then by MiniSearch's
 * score. At most `limit` terms, never a word of the query itself.
 */
export function suggestTerms(index: MiniSearch<Doc>, query: string, limit = 3): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  const best = new Map<string, { distance: number; score: number }>();
  for (const w of words) {
    for (const r of index.search(w, { fuzzy: 0.45, prefix: false, combineWith: "OR" })) {
      for (const t of r.terms) {
        if (words.includes(t)) continue;
        const distance = editDistance(w, t);
        const prev = best.get(t);
        if (!prev || distance < prev.distance || (distance === prev.distance && r.score > prev.score))
          best.set(t, { distance, score: r.score });
      }
    }
  }
  return [...best]
    .sort((a, b) => a[1].distance - b[1].distance || b[1].score - a[1].score)
    .slice(0, limit)
    .map(([t]) => t);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
