import "server-only";
import fs from "node:fs";
import path from "node:path";
import type MiniSearch from "minisearch";
import { buildSearchIndex, loadSearchIndex, search, suggestTerms, type SearchHit } from "@/lib/search/search";
import { getAllQuestions } from "@/server/content";
import { env } from "@/server/env";

export const SEARCH_INDEX_FILE = path.join("server", "generated", "search-index.json");

let index: MiniSearch<never> | undefined;

function getIndex() {
  if (!index) {
    const file = path.resolve(SEARCH_INDEX_FILE);
    // Production loads the index `npm run build` wrote; development builds it from the content, so edits show.
    index = (env().NODE_ENV === "production" && fs.existsSync(file) ? loadSearchIndex(fs.readFileSync(file, "utf8")) : buildSearchIndex(getAllQuestions())) as unknown as MiniSearch<never>;
  }
  return index as unknown as Parameters<typeof search>[0];
}

export function searchQuestions(query: string): SearchHit[] {
  return search(getIndex(), query);
}

/** Nearest terms of the bank's vocabulary, for a search that found nothing. */
export function suggestSearchTerms(query: string): string[] {
  return suggestTerms(getIndex(), query);
}
