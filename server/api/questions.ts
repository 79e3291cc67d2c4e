import "server-only";
import { getBank } from "@/server/content";
import type { Question } from "@/lib/schemas/question";
import type { QuestionFilters } from "@/lib/content/filters";
import { findQuestions } from "@/server/search";

/** What the API shows of a question: everything on its page, plus its quiz's size — never the quiz's key. */
export type QuestionSummaryDTO = Pick<
  Question,
  "id" | "slug" | "title" | "question" | "topic" | "tags" | "difficulty" | "role" | "answerSource"
> & { quizItems: number };
export type QuestionDTO = QuestionSummaryDTO & Omit<Question, "related"> & { related: string[] };

/** The questions matching the filters (as on /questions; search results ranked), as summaries. */
export function listQuestionDTOs(filters: QuestionFilters = {}): QuestionSummaryDTO[] {
  const quizSize = new Map(getBank().map((e) => [e.question.slug, e.quiz.length]));
  return findQuestions(filters).map(({ question: q }) => ({
    id: q.id,
    slug: q.slug,
    title: q.title,
    question: q.question,
    topic: q.topic,
    tags: q.tags,
    difficulty: q.difficulty,
    role: q.role,
    answerSource: q.answerSource,
    quizItems: quizSize.get(q.slug) ?? 0,
  }));
}

export function getQuestionDTO(slug: string): QuestionDTO | null {
  const entry = getBank().find((e) => e.question.slug === slug);
  return entry ? { ...entry.question, quizItems: entry.quiz.length } : null;
}
