import type { ChoiceOption, ItemOfType, QuizItem, QuizItemType } from "./types";

/**
 * Which fields of an item are the answer key. Before submit none of these may leave the server
 * (docs/QUALITY.md Q1): not in HTML, RSC payloads, JSON or bundles. `presentQuiz` builds the public view from
 * an allow-list, the public types forbid these names, and `collectKeyMaterial` lists their values so a
 * leak test can search responses for them.
 */

type FieldsOf<T extends QuizItemType> = keyof ItemOfType<T>;

/** Key fields per item type, on the item and on each choice option. */
export const KEY_FIELDS = {
  single: { item: [], option: ["correct", "rationale"] },
  multiple: { item: [], option: ["correct", "rationale"] },
  truefalse: { item: ["answer", "rationale"], option: [] },
  numeric: { item: ["answer", "tolerance", "rationale"], option: [] },
  // The authored order of `entries` is the key; entries themselves are shown, shuffled.
  ordering: { item: ["rationale"], option: [] },
  // The rubric is the self-grading key: shown only after submit, together with the model answer.
  freetext: { item: ["rubric", "modelAnswer"], option: [] },
} as const satisfies { [T in QuizItemType]: { item: readonly FieldsOf<T>[]; option: readonly (keyof ChoiceOption)[] } };

/** Not key, but only useful after submit (and a hint before it): the key point checked and the lab preset. */
export const REVIEW_ONLY_FIELDS = ["keyPoint", "labPreset"] as const;

/** Fields the public view shows, per type. With the two lists above this must cover every item field. */
export const PUBLIC_FIELDS = {
  single: ["id", "type", "prompt", "options"],
  multiple: ["id", "type", "prompt", "options"],
  truefalse: ["id", "type", "prompt"],
  numeric: ["id", "type", "prompt", "unit"],
  ordering: ["id", "type", "prompt", "entries"],
  freetext: ["id", "type", "prompt"],
} as const satisfies { [T in QuizItemType]: readonly FieldsOf<T>[] };

type ItemKeyField = (typeof KEY_FIELDS)[QuizItemType]["item"][number];
type OptionKeyField = (typeof KEY_FIELDS)[QuizItemType]["option"][number];
/** Every field name that must not appear in a public view, at any depth. */
export type WithheldField = ItemKeyField | OptionKeyField | (typeof REVIEW_ONLY_FIELDS)[number];
export const WITHHELD_FIELDS: ReadonlySet<string> = new Set<WithheldField>([
  ...Object.values(KEY_FIELDS).flatMap((k) => [...k.item, ...k.option]),
  ...REVIEW_ONLY_FIELDS,
]);

/**
 * Compile-time exhaustiveness: if the item schema gains a field, this fails until the field is
 * classified as public, key or review-only above. A new field must never become public by default.
 */
type Classified<T extends QuizItemType> =
  (typeof PUBLIC_FIELDS)[T][number] | (typeof KEY_FIELDS)[T]["item"][number] | (typeof REVIEW_ONLY_FIELDS)[number];
type Unclassified = { [T in QuizItemType]: Exclude<FieldsOf<T>, Classified<T>> }[QuizItemType];
type UnclassifiedOption = Exclude<keyof ChoiceOption, "id" | "text" | OptionKeyField>;
const everyFieldClassified: [Unclassified, UnclassifiedOption] extends [never, never] ? true : never = true;
void everyFieldClassified;

/**
 * One piece of key material. `text` is prose (rationales, rubric points, model answers): it must not
 * occur anywhere in a pre-submit response, so it can be searched for verbatim. `value` is a short
 * token (a correct option id, "true", "2245", an order) that may legitimately occur elsewhere, so a
 * leak test checks it structurally (no withheld field names; ordering not shown in key order) instead.
 */
export type KeyMaterial = { path: string; value: string; kind: "text" | "value" };

/** Every key string of an item, for leak tests and canary checks. */
export function collectKeyMaterial(item: QuizItem): KeyMaterial[] {
  const text = (path: string, value: string): KeyMaterial => ({ path, value, kind: "text" });
  const value = (path: string, v: string): KeyMaterial => ({ path, value: v, kind: "value" });
  const at = (field: string) => `${item.id}.${field}`;
  switch (item.type) {
    case "single":
    case "multiple":
      return item.options.flatMap((o) => [
        text(at(`options.${o.id}.rationale`), o.rationale),
        ...(o.correct ? [value(at(`options.${o.id}.correct`), o.id)] : []),
      ]);
    case "truefalse":
      return [text(at("rationale"), item.rationale), value(at("answer"), String(item.answer))];
    case "numeric":
      return [
        text(at("rationale"), item.rationale),
        value(at("answer"), String(item.answer)),
        value(at("tolerance"), String(item.tolerance)),
      ];
    case "ordering":
      return [text(at("rationale"), item.rationale), value(at("entries.order"), item.entries.map((e) => e.id).join(","))];
    case "freetext":
      return [...item.rubric.map((point, i) => text(at(`rubric.${i}`), point)), text(at("modelAnswer"), item.modelAnswer)];
  }
}
