import type { WithheldField } from "./keys";
import { checkSeed, deriveSeed, mulberry32, shuffleWith, shuffleWithSeed } from "./random";
import type { QuizItem } from "./types";

/**
 * The public view of a quiz: what a candidate may see before submitting. Built field by field from an
 * allow-list (never by spreading an item and deleting keys), and typed so that adding a key field is a
 * compile error: every public type carries `{ correct?: never; rationale?: never; answer?: never; … }`,
 * so even `{ ...option }` of a full option fails to type-check.
 */

/** Forbids every withheld field name on T. */
export type NoKey<T> = T & { readonly [K in WithheldField]?: never };

export type PublicOption = NoKey<{ readonly id: string; readonly text: string }>;
type PublicBase<T extends QuizItem["type"]> = { readonly id: string; readonly type: T; readonly prompt: string };

export type PublicSingleItem = NoKey<PublicBase<"single"> & { readonly options: readonly PublicOption[] }>;
export type PublicMultipleItem = NoKey<PublicBase<"multiple"> & { readonly options: readonly PublicOption[] }>;
export type PublicTrueFalseItem = NoKey<PublicBase<"truefalse">>;
export type PublicNumericItem = NoKey<PublicBase<"numeric"> & { readonly unit?: string }>;
/** Entries in a seeded order that is never the key order. */
export type PublicOrderingItem = NoKey<PublicBase<"ordering"> & { readonly entries: readonly PublicOption[] }>;
/** The rubric is withheld: it is the self-grading key, shown with the model answer after submit. */
export type PublicFreeTextItem = NoKey<PublicBase<"freetext">>;

export type PublicQuizItem =
  PublicSingleItem | PublicMultipleItem | PublicTrueFalseItem | PublicNumericItem | PublicOrderingItem | PublicFreeTextItem;

/**
 * Only the item order is a choice (a set owner may one day fix it). Options of choice items are always
 * shuffled (seeded) and ordering entries never appear in key order: the authored order can give the key
 * away (a bank whose correct options sit first), so no caller can ask for it (decision 005).
 */
export type PresentOptions = {
  /** Shuffle the item order (seeded). */
  shuffleItems: boolean;
};

/**
 * The public view of a quiz for one attempt. Deterministic in (items, seed, options): the seed stored
 * on the attempt replays exactly what the candidate saw. Each item's shuffle has its own derived seed,
 * so it doesn't depend on the other items or on the item order.
 */
export function presentQuiz(items: readonly QuizItem[], seed: number, options: PresentOptions): PublicQuizItem[] {
  checkSeed(seed);
  const ordered = options.shuffleItems ? shuffleWithSeed(items, deriveSeed(seed, "items")) : items.slice();
  return ordered.map((item) => presentItem(item, seed));
}

/** The public view of one item (see `presentQuiz`). */
export function presentItem(item: QuizItem, seed: number): PublicQuizItem {
  checkSeed(seed);
  const base = { id: item.id, prompt: item.prompt };
  switch (item.type) {
    case "single":
    case "multiple": {
      const publicOptions = shuffleWithSeed(item.options, deriveSeed(seed, "options", item.id)).map(publicOption);
      return item.type === "single"
        ? { ...base, type: "single", options: publicOptions }
        : { ...base, type: "multiple", options: publicOptions };
    }
    case "truefalse":
      return { ...base, type: "truefalse" };
    case "numeric":
      return item.unit === undefined ? { ...base, type: "numeric" } : { ...base, type: "numeric", unit: item.unit };
    case "ordering":
      return {
        ...base,
        type: "ordering",
        entries: shuffleAwayFromKey(item.entries, deriveSeed(seed, "entries", item.id)).map(publicOption),
      };
    case "freetext":
      return { ...base, type: "freetext" };
  }
}

function publicOption(o: { id: string; text: string }): PublicOption {
  return { id: o.id, text: o.text };
}

/**
 * A seeded shuffle that never returns the key order when there are ≥ 2 entries, so an untouched list
 * can't score full marks. Redraws from the same seeded stream until the order differs: deterministic,
 * and uniform over the non-identity permutations. With n ≥ 2 a redraw is needed with probability
 * 1/n! ≤ 1/2, so 64 draws all failing is ~2^-64; the rotation after that only makes termination certain.
 */
export function shuffleAwayFromKey<T>(entries: readonly T[], seed: number): T[] {
  if (entries.length < 2) return entries.slice();
  const random = mulberry32(seed);
  for (let attempt = 0; attempt < 64; attempt++) {
    const out = shuffleWith(entries, random);
    if (out.some((e, i) => e !== entries[i])) return out;
  }
  return [...entries.slice(1), entries[0] as T];
}
