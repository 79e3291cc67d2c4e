import "server-only";
import { getBank } from "@/server/content";
import type { Question } from "@/lib/schemas/question";

/** What the API shows of a question: everything on its page, plus its quiz's size — never the quiz's key. */
export type QuestionSummaryDTO = Pick<Question, "id" | "slug" | "title" | "question" | "topic" | "tags" | "difficulty" | "role" | "answerSource"> & { quizItems: number };
export type QuestionDTO = QuestionSummaryDTO & Omit<Question, "related"> & { related: string[] };

export function listQuestionDTOs(): QuestionSummaryDTO[] {
  return getBank().map(({ question: q, quiz }) => ({
    id: q.id, slug: q.slug, title: q.title, question: q.question, topic: q.topic, tags: q.tags,
    difficulty: q.difficulty, role: q.role, answerSource: q.answerSource, quizItems: quiz.length,
  }));
}

export function getQuestionDTO(slug: string): QuestionDTO | null {
  const entry = getBank().find((e) => e.question.slug === slug);
  return entry ? { ...entry.question, quizItems: entry.quiz.length } : null;
}
