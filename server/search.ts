import "server-only";
import fs from "node:fs";
import path from "node:path";
import type MiniSearch from "minisearch";
import { buildSearchIndex, loadSearchIndex, search, suggestTerms, type SearchHit } from "@/lib/search/search";
import { getAllQuestions } from "@/server/content";
import { env } from "@/server/env";
import { filterQuestions, type QuestionFilters } from "@/lib/content/filters";
import type { Question } from "@/lib/schemas/question";

export const SEARCH_INDEX_FILE = path.join("server", "generated", "search-index.json");

let index: MiniSearch<never> | undefined;

function getIndex() {
  if (!index) {
    const file = path.resolve(SEARCH_INDEX_FILE);
    // Production loads the index `npm run build` wrote; development builds it from the content, so edits show.
    index =
      env().NODE_ENV === "production" && fs.existsSync(file)
        ? loadSearchIndex(fs.readFileSync(file, "utf8"))
        : buildSearchIndex(getAllQuestions());
  }
  return index as unknown as Parameters<typeof search>[0];
}

export function searchQuestions(query: string): SearchHit[] {
  return search(getIndex(), query);
}

/**
 * The questions matching the facet filters and, with `q`, the text search (ranked; `terms` to highlight):
 * one function for the /questions page and `GET /api/v1/questions`, so both answer the same.
 */
export function findQuestions(filters: QuestionFilters): { question: Question; terms: string[] }[] {
  const all = getAllQuestions();
  const faceted = filterQuestions(all, filters);
  if (!filters.q) return faceted.map((question) => ({ question, terms: [] }));
  const bySlug = new Map(faceted.map((q) => [q.slug, q]));
  return searchQuestions(filters.q).flatMap((h) => {
    const question = bySlug.get(h.slug);
    return question ? [{ question, terms: h.terms }] : [];
  });
}

/** Nearest terms of the bank's vocabulary, for a search that found nothing. */
export function suggestSearchTerms(query: string): string[] {
  return suggestTerms(getIndex(), query);
}
