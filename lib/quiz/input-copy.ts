/**
 * Fixed interface copy shown next to every quiz item (hints, placeholders, examples). Kept here so that
 * one test can check it against every answer key of the bank (lib/quiz/input-copy.test.ts): no example
 * may be an item's answer.
 */
export const INPUT_COPY = {
  numericHint: "Digits only, with a point for decimals and no thousands separators.",
} as const;
