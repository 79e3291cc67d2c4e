import "server-only";
import { readBankFromDisk } from "@/lib/content/read-bank";
import type { BankEntry } from "@/lib/content/bank";
import type { Question } from "@/lib/schemas/question";

/**
 * The one content loader for the app. Reads `content/questions` once per process
 * (content is part of the build), validated; a malformed file throws with its path and field.
 */
let cache: BankEntry[] | undefined;

export function getBank(): BankEntry[] {
  cache ??= readBankFromDisk();
  return cache;
}

export function getAllQuestions(): Question[] {
  return getBank().map((e) => e.question);
}

export function getQuestion(slug: string): Question | undefined {
  return getBank().find((e) => e.question.slug === slug)?.question;
}

/** Quiz items WITH their answer key. Server only; never pass these to a client component. */
export function getQuizItemsWithKey(slug: string) {
  return getBank().find((e) => e.question.slug === slug)?.quiz;
}
