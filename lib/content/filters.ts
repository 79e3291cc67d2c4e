import { z } from "zod";
import { DifficultySchema, RoleSchema, TopicSchema, type Question } from "@/lib/schemas/question";
import { SlugSchema } from "@/lib/schemas/common";

/** Filters of the /questions page, parsed from its search params. Unknown or bad values are ignored, not errors. */
export const QuestionFiltersSchema = z.object({
  topic: TopicSchema.optional().catch(undefined),
  tag: SlugSchema.max(40).optional().catch(undefined),
  difficulty: DifficultySchema.optional().catch(undefined),
  role: RoleSchema.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type QuestionFilters = z.infer<typeof QuestionFiltersSchema>;

export function parseQuestionFilters(params: Record<string, string | string[] | undefined>): QuestionFilters {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return QuestionFiltersSchema.parse({
    topic: first(params.topic),
    tag: first(params.tag),
    difficulty: first(params.difficulty),
    role: first(params.role),
    q: first(params.q),
  });
}

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

/** Apply the facet filters (not the text search). Order: by difficulty, then id — a sensible study order. */
export function filterQuestions(all: Question[], f: QuestionFilters): Question[] {
  return all
    .filter((q) => (!f.topic || q.topic === f.topic) && (!f.tag || q.tags.includes(f.tag)) && (!f.difficulty || q.difficulty === f.difficulty) && (!f.role || q.role === f.role))
    .sort((a, b) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.id.localeCompare(b.id));
}
