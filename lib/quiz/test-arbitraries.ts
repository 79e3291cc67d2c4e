/**
 * fast-check arbitraries for quiz items and responses. Test support only: never import from app code.
 * Key texts carry a random `KEY-<base36>-<base36>` canary that a public text can contain only by a ~95^-8 fluke, so a
 * leak test can search serialised views for them without false positives.
 */
import fc from "fast-check";
import { LAB_PRESETS, QuizItemSchema, type QuizItem } from "@/lib/schemas/quiz";

const idArb = fc.tuple(fc.constantFrom("a", "opt", "x", "step"), fc.nat(300)).map(([p, n]) => `${p}-${n.toString(36)}`);
const pubText = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== "");
const keyText = fc
  .tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 12 }))
  .map(([a, b, s]) => `KEY-${a.toString(36)}-${b.toString(36)} ${s}`.trim());

const base = fc.record(
  { id: idArb, prompt: pubText, keyPoint: fc.nat(9), labPreset: fc.constantFrom(...LAB_PRESETS) },
  { requiredKeys: ["id", "prompt", "keyPoint"] },
);

const optionsWith = (ids: string[], correct: boolean[]) =>
  fc
    .tuple(
      fc.array(pubText, { minLength: ids.length, maxLength: ids.length }),
      fc.array(keyText, { minLength: ids.length, maxLength: ids.length }),
    )
    .map(([texts, rationales]) =>
      ids.map((id, i) => ({ id, text: texts[i] as string, correct: correct[i] as boolean, rationale: rationales[i] as string })),
    );

const single = fc.tuple(base, fc.uniqueArray(idArb, { minLength: 2, maxLength: 8 })).chain(([b, ids]) =>
  fc.nat(ids.length - 1).chain((c) =>
    optionsWith(
      ids,
      ids.map((_, i) => i === c),
    ).map((options) => ({ ...b, type: "single", options })),
  ),
);

const multiple = fc.tuple(base, fc.uniqueArray(idArb, { minLength: 3, maxLength: 8 })).chain(([b, ids]) =>
  fc
    .array(fc.boolean(), { minLength: ids.length, maxLength: ids.length })
    .filter((flags) => flags.some(Boolean))
    .chain((flags) => optionsWith(ids, flags).map((options) => ({ ...b, type: "multiple", options }))),
);

const truefalse = fc.tuple(base, fc.boolean(), keyText).map(([b, answer, rationale]) => ({ ...b, type: "truefalse", answer, rationale }));

const numeric = fc
  .tuple(
    base,
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    fc.option(pubText, { nil: undefined }),
    keyText,
  )
  .map(([b, answer, tolerance, unit, rationale]) => ({
    ...b,
    type: "numeric",
    answer,
    tolerance,
    ...(unit === undefined ? {} : { unit }),
    rationale,
  }));

const ordering = fc.tuple(base, fc.uniqueArray(idArb, { minLength: 3, maxLength: 8 }), keyText).chain(([b, ids, rationale]) =>
  fc.array(pubText, { minLength: ids.length, maxLength: ids.length }).map((texts) => ({
    ...b,
    type: "ordering",
    entries: ids.map((id, i) => ({ id, text: texts[i] as string })),
    rationale,
  })),
);

const freetext = fc
  .tuple(base, fc.array(keyText, { minLength: 2, maxLength: 7 }), keyText)
  .map(([b, rubric, modelAnswer]) => ({ ...b, type: "freetext", rubric, modelAnswer }));

/** Any schema-valid item (parsed through the contract, so arbitraries can't drift from it). */
export const itemArb: fc.Arbitrary<QuizItem> = fc
  .oneof(single, multiple, truefalse, numeric, ordering, freetext)
  .map((raw) => QuizItemSchema.parse(raw));

/** A quiz: items with unique ids. */
export const quizArb: fc.Arbitrary<QuizItem[]> = fc.uniqueArray(itemArb, { minLength: 1, maxLength: 4, selector: (i) => i.id });

export const seedArb = fc.integer({ min: 0, max: 0xffffffff });

/** A plausible response for the item (valid, near-valid or garbage), as a client could send it. */
export function responseArb(item: QuizItem): fc.Arbitrary<unknown> {
  // Cheap junk rather than fc.anything(): malformed shapes are what matter, and the suite must stay fast.
  const garbage = fc.oneof(
    fc.constantFrom(undefined, null, 0, 1, true, "", "a", [], {}, [1, "a"], { type: item.type, value: {} }),
    fc.record({ type: fc.constantFrom("single", "multiple", "numeric", item.type), optionId: fc.constantFrom(1, null, "x") }),
  );
  switch (item.type) {
    case "single": {
      const ids = item.options.map((o) => o.id);
      return fc.oneof(
        fc.constantFrom(...ids, "nope").map((optionId) => ({ type: "single", optionId })),
        garbage,
      );
    }
    case "multiple": {
      const ids = item.options.map((o) => o.id);
      return fc.oneof(
        { weight: 4, arbitrary: fc.shuffledSubarray(ids).map((optionIds) => ({ type: "multiple", optionIds })) },
        fc.array(fc.constantFrom(...ids, "nope")).map((optionIds) => ({ type: "multiple", optionIds })),
        garbage,
      );
    }
    case "truefalse":
      return fc.oneof(
        fc.boolean().map((value) => ({ type: "truefalse", value })),
        garbage,
      );
    case "numeric":
      return fc.oneof(
        fc
          .constantFrom(item.answer, item.answer + item.tolerance, item.answer - item.tolerance, String(item.answer))
          .map((value) => ({ type: "numeric", value })),
        fc
          .oneof(fc.double(), fc.string(), fc.constantFrom(NaN, Infinity, -Infinity, "", "1e999", "NaN"))
          .map((value) => ({ type: "numeric", value })),
        garbage,
      );
    case "ordering": {
      const ids = item.entries.map((e) => e.id);
      return fc.oneof(
        { weight: 4, arbitrary: fc.shuffledSubarray(ids, { minLength: ids.length }).map((order) => ({ type: "ordering", order })) },
        fc.array(fc.constantFrom(...ids, "nope")).map((order) => ({ type: "ordering", order })),
        garbage,
      );
    }
    case "freetext":
      return fc.oneof(
        fc.string().map((text) => ({ type: "freetext", text })),
        garbage,
      );
  }
}

/** A self-grade for a free-text item: valid ticks, out-of-range or repeated ticks, or junk. */
export function selfGradeArb(item: QuizItem): fc.Arbitrary<unknown> {
  const n = item.type === "freetext" ? item.rubric.length : 3;
  return fc.oneof(
    { weight: 4, arbitrary: fc.uniqueArray(fc.nat(n - 1)) },
    fc.array(fc.nat(10)),
    fc.constantFrom(undefined, null, "0", [-1], [0.5], {}),
  );
}

/** A quiz with one raw response per item, keyed by item id as a client sends them, and self-grades for its free-text items. */
export const attemptArb = quizArb.chain((items) =>
  fc
    .tuple(fc.tuple(...items.map((item) => responseArb(item))), fc.tuple(...items.map((item) => selfGradeArb(item))))
    .map(([responses, grades]) => ({
      items,
      responses: Object.fromEntries(items.map((item, i) => [item.id, responses[i]])),
      selfGrades: Object.fromEntries(items.flatMap((item, i) => (item.type === "freetext" ? [[item.id, grades[i]]] : []))),
    })),
);
