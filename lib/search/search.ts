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
