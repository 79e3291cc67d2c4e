import { z } from "zod";
import { SLUG_PATTERN } from "./common";
import { QuizItemSchema } from "./quiz";

/**
 * Question sets built by hiring managers. A set's items are quiz items (`QuizItemSchema`: the same six
 * types, the same rationale rules, the same server-only answer key); a set adds where each item came from,
 * and for items imported from Moodle GIFT what Layerwise has no field for, so exporting gives the same
 * questions back (`lib/sets/gift.ts`).
 */

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(SLUG_PATTERN, "must be kebab-case");

/** GIFT's text formats: `[moodle]` (the default), `[html]`, `[markdown]`, `[plain]`. */
export const GIFT_FORMATS = ["moodle", "html", "markdown", "plain"] as const;
const giftFormat = z.enum(GIFT_FORMATS);
const giftText = z.strictObject({ format: giftFormat, text: z.string() });

/** One GIFT answer as written: `=` or `~`, its `%weight%`, its text format and its feedback (null when absent). */
const GiftChoiceSchema = z.strictObject({
  isCorrect: z.boolean(),
  weight: z.number().finite().nullable(),
  format: giftFormat,
  feedback: giftText.nullable(),
});

const GiftNumberSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("simple"), number: z.number().finite() }),
  z.strictObject({ type: z.literal("range"), number: z.number().finite(), range: z.number().finite() }),
  z.strictObject({ type: z.literal("high-low"), numberLow: z.number().finite(), numberHigh: z.number().finite() }),
]);
export type GiftNumber = z.infer<typeof GiftNumberSchema>;

/**
 * What a GIFT question had that its Layerwise item cannot hold. Grading never reads it (Layerwise grades
 * by its own rules, which the import report states); export reads it to write the question as it was.
 */
export const GiftExtrasSchema = z.strictObject({
  title: z.string().nullable(),
  stemFormat: giftFormat,
  /** The stem held the answer block mid-sentence; the prompt marks the place with `_____`. */
  embedded: z.boolean(),
  globalFeedback: giftText.nullable(),
  /** Choice items: per option id, as written. */
  choices: z.record(z.string(), GiftChoiceSchema).optional(),
  /** True/false: both feedbacks as written (the item's rationale is one of them, or a placeholder). */
  trueFalse: z.strictObject({ trueFeedback: giftText.nullable(), falseFeedback: giftText.nullable() }).optional(),
  /** Numeric: every answer as written; `key` is the index of the one the item grades with. */
  numeric: z
    .strictObject({
      list: z.boolean(),
      key: z.number().int().min(0),
      answers: z.array(
        z.strictObject({ isCorrect: z.boolean(), weight: z.number().nullable(), number: GiftNumberSchema, feedback: giftText.nullable() }),
      ),
      /** Moodle's `~#feedback`: feedback for any other answer. */
      otherFeedback: z.string().nullable(),
    })
    .optional(),
  /** Short answer (imported as a free-text item): the accepted answers as written. */
  short: z
    .array(
      z.strictObject({
        text: z.string(),
        isCorrect: z.boolean(),
        weight: z.number().nullable(),
        format: giftFormat,
        feedback: giftText.nullable(),
      }),
    )
    .optional(),
});
export type GiftExtras = z.infer<typeof GiftExtrasSchema>;

export const SetItemOriginSchema = z.discriminatedUnion("kind", [
  /** Picked from the bank: the question's slug and the quiz item's id at the time it was picked (a copy). */
  z.strictObject({ kind: z.literal("bank"), slug, itemId: slug }),
  /** Written by the set's owner, in the form or in Layerwise Markdown. */
  z.strictObject({ kind: z.literal("custom") }),
  /** Imported from a file (GIFT or Layerwise Markdown). */
  z.strictObject({ kind: z.literal("import"), format: z.enum(["gift", "markdown"]) }),
]);

export const SetItemSchema = z.strictObject({
  item: QuizItemSchema,
  origin: SetItemOriginSchema,
  gift: GiftExtrasSchema.optional(),
});
export type SetItem = z.infer<typeof SetItemSchema>;

export const MAX_SET_ITEMS = 200;

export const SetItemsSchema = z
  .array(SetItemSchema)
  .min(1, "a set needs at least one item")
  .max(MAX_SET_ITEMS)
  .refine((items) => new Set(items.map((i) => i.item.id)).size === items.length, "item ids must be unique within a set");

/** What the candidate may see after submitting: nothing, the score, or the score with the key and rationales. */
export const REVIEW_SHOWS = ["none", "score", "score-rationales"] as const;
/** When that review opens: as soon as the candidate submits, or only once the set has closed. */
export const REVIEW_WHENS = ["on-submit", "after-close"] as const;

export const SetSettingsSchema = z
  .strictObject({
    /** Minutes; null = untimed. */
    timeLimitMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable(),
    review: z.strictObject({ show: z.enum(REVIEW_SHOWS), when: z.enum(REVIEW_WHENS) }),
    attemptsAllowed: z.number().int().min(1).max(100),
    opensAt: z.iso.datetime({ offset: true }).nullable(),
    closesAt: z.iso.datetime({ offset: true }).nullable(),
    accountRequired: z.boolean(),
    /** Item order; options within an item are always shuffled. */
    order: z.enum(["fixed", "shuffled"]),
    /** Markdown shown on the landing page before the attempt starts. */
    intro: z.string().max(20_000),
    /** What candidates may consult (Markdown); empty = no note. */
    openBookNote: z.string().max(5_000),
  })
  .refine((s) => !s.opensAt || !s.closesAt || Date.parse(s.opensAt) < Date.parse(s.closesAt), {
    message: "the close date must be after the open date",
    path: ["closesAt"],
  })
  .refine((s) => s.review.when !== "after-close" || s.closesAt !== null, {
    message: "a review after the close date needs a close date",
    path: ["review", "when"],
  });
export type SetSettings = z.infer<typeof SetSettingsSchema>;

export const DEFAULT_SET_SETTINGS: SetSettings = {
  timeLimitMinutes: null,
  review: { show: "score", when: "on-submit" },
  attemptsAllowed: 1,
  opensAt: null,
  closesAt: null,
  accountRequired: false,
  order: "fixed",
  intro: "",
  openBookNote: "",
};

export const SetTitleSchema = text.max(200);

export const SetDraftSchema = z.strictObject({
  title: SetTitleSchema,
  items: SetItemsSchema,
  settings: SetSettingsSchema,
});
export type SetDraft = z.infer<typeof SetDraftSchema>;

/** A guest candidate's identity, given on the landing page of a share link. */
export const GuestCandidateSchema = z.strictObject({
  name: text.max(200),
  email: z.email().max(320),
});
