import { z } from "zod";
import { text } from "../schemas/input";
import type { QuizItem, QuizItemType } from "./types";

/**
 * What a candidate may send for each item type. These are the only shapes the engine reads: `z.object`
 * strips every other key, so a client-sent `score`, `isCorrect` or `__proto__` never reaches a scorer.
 * Shape is checked here; whether the ids exist in the item is checked by the scorer, which knows the item.
 */

// Generous caps: the item schema allows at most 8 options, but a cap here only guards against huge payloads.
const id = text().min(1).max(100);
const MAX_LIST = 64;

/** Plain decimal or scientific notation. No commas: "2,245" and "0,5" are ambiguous across locales. */
export const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number, or the text of one (forms send strings). Never `z.coerce`: it turns "" into 0, which could
 * match an answer of 0. zod rejects NaN and ±Infinity, and "1e999" fails the finite pipe.
 */
const numericValue = z
  .union([z.number(), text().trim().max(64).regex(NUMBER_TEXT, "enter a number such as 2245 or 0.5").transform(Number)])
  .pipe(z.number());

export const SingleResponseSchema = z.object({ type: z.literal("single"), optionId: id });
export const MultipleResponseSchema = z.object({ type: z.literal("multiple"), optionIds: z.array(id).max(MAX_LIST) });
export const TrueFalseResponseSchema = z.object({ type: z.literal("truefalse"), value: z.boolean() });
export const NumericResponseSchema = z.object({ type: z.literal("numeric"), value: numericValue });
/** Entry ids in the candidate's order, first to last. */
export const OrderingResponseSchema = z.object({ type: z.literal("ordering"), order: z.array(id).max(MAX_LIST) });
/** The answer text only: the self-grade is a separate, later input (see `SelfGradeSchema`). */
export const FreeTextResponseSchema = z.object({ type: z.literal("freetext"), text: text().max(20_000) });

/**
 * A free-text self-grade: the 0-based indices of the rubric points the candidate says their answer
 * covers. It is deliberately not part of the response: the rubric is only shown after submit, so a
 * submit payload must not be able to claim rubric points it has never seen (`ticked` sent with the
 * answer is stripped like any other extra field).
 */
export const SelfGradeSchema = z.array(z.number().int().min(0)).max(MAX_LIST);
export type SelfGrade = z.infer<typeof SelfGradeSchema>;

export const ResponseSchema = z.discriminatedUnion("type", [
  SingleResponseSchema,
  MultipleResponseSchema,
  TrueFalseResponseSchema,
  NumericResponseSchema,
  OrderingResponseSchema,
  FreeTextResponseSchema,
]);
/** Named QuizResponse, not Response, so it never shadows the Fetch API's Response in route handlers. */
export type QuizResponse = z.infer<typeof ResponseSchema>;
export type ResponseOfType<T extends QuizItemType> = Extract<QuizResponse, { type: T }>;
export type SingleResponse = ResponseOfType<"single">;
export type MultipleResponse = ResponseOfType<"multiple">;
export type TrueFalseResponse = ResponseOfType<"truefalse">;
export type NumericResponse = ResponseOfType<"numeric">;
export type OrderingResponse = ResponseOfType<"ordering">;
export type FreeTextResponse = ResponseOfType<"freetext">;

export type ParsedResponse<T extends QuizItemType> =
  { ok: true; response: ResponseOfType<T> } | { ok: false; blank: boolean; reason: string };

/**
 * Validates a raw response against the item's type. `undefined`/`null` is a blank answer; anything
 * else of the wrong shape is rejected with a readable reason. Never throws.
 */
export function parseResponse<I extends QuizItem>(item: I, raw: unknown): ParsedResponse<I["type"]> {
  if (raw === undefined || raw === null) return { ok: false, blank: true, reason: "not answered" };
  const parsed = ResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return { ok: false, blank: false, reason: `invalid response: ${where}${issue?.message ?? "unreadable"}` };
  }
  if (parsed.data.type !== item.type) {
    return { ok: false, blank: false, reason: `invalid response: a ${parsed.data.type} answer for a ${item.type} item` };
  }
  return { ok: true, response: parsed.data as ResponseOfType<I["type"]> };
}
