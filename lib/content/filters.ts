import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { DifficultySchema, RoleSchema, TopicSchema, type Question } from "@/lib/schemas/question";
import { SlugSchema } from "@/lib/schemas/common";

const tag = SlugSchema.max(40);
const q = text().trim().max(200);

/** The search and filters of `GET /api/v1/questions` (the same as the page's): a bad value is a 400 there. */
export const QuestionQuerySchema = z.object({
  topic: TopicSchema.optional(),
  tag: tag.optional(),
  difficulty: DifficultySchema.optional(),
  role: RoleSchema.optional(),
  q: q.optional(),
});

/** Filters of the /questions page, parsed from its search params. Unknown or bad values are ignored, not errors. */
export const QuestionFiltersSchema = z.object({
  topic: TopicSchema.optional().catch(undefined),
  tag: SlugSchema.max(40).optional().catch(undefined),
  difficulty: DifficultySchema.optional().catch(undefined),
  role: RoleSchema.optional().catch(undefined),
  q: q.optional().catch(undefined),
});
export type QuestionFilters = z.infer<typeof QuestionFiltersSchema>;

/** The first value of each filter parameter (`?topic=a&topic=b` means `a`), empty meaning absent. */
export function filterParams(params: Record<string, string | string[] | undefined>): Record<keyof QuestionFilters, string | undefined> {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return { topic: first(params.topic), tag: first(params.tag), difficulty: first(params.difficulty), role: first(params.role), q: first(params.q) };
}

export function parseQuestionFilters(params: Record<string, string | string[] | undefined>): QuestionFilters {
  return QuestionFiltersSchema.parse(filterParams(params));
}

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

/** Apply the facet filters (not the text search). Order: by difficulty, then id — a sensible study order. */
export function filterQuestions(all: Question[], f: QuestionFilters): Question[] {
  return all
    .filter((q) => (!f.topic || q.topic === f.topic) && (!f.tag || q.tags.includes(f.tag)) && (!f.difficulty || q.difficulty === f.difficulty) && (!f.role || q.role === f.role))
    .sort((a, b) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.id.localeCompare(b.id));
}
