import { z } from "zod";
import { SlugSchema } from "@/lib/schemas/common";

/**
 * The content schema of a question (frontmatter of `content/questions/<slug>.md`).
 * The Markdown body below the frontmatter is the answer. Every structured
 * explanation part is required, so a question missing one fails `npm test`.
 */

export const TOPICS = {
  "transfer-learning": "Transfer learning",
  "fine-tuning": "Fine-tuning",
  "efficient-adaptation": "Efficient adaptation",
  regularisation: "Overfitting & regularisation",
  optimisation: "Optimisation",
  evaluation: "Evaluation & metrics",
  data: "Data & leakage",
} as const;
export type Topic = keyof typeof TOPICS;
export const TopicSchema = z.enum(Object.keys(TOPICS) as [Topic, ...Topic[]]);

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const DifficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof DifficultySchema>;

export const ROLES = {
  "ml-engineer": "Machine Learning Engineer",
  "data-scientist": "Data Scientist",
  "research-scientist": "Research Scientist",
} as const;
export type Role = keyof typeof ROLES;
export const RoleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

const slug = SlugSchema;
const text = z.string().trim().min(1, "must not be empty");

export const SourceSchema = z.strictObject({
  title: text,
  url: z.url({ protocol: /^https$/ }),
});

export const QuestionFrontmatterSchema = z.strictObject({
  id: z.string().regex(/^q-\d{3}$/, "must look like q-001"),
  slug,
  title: text.max(120),
  /** The question as an interviewer asks it. */
  question: text,
  instruction: text,
  context: text,
  topic: TopicSchema,
  tags: z.array(slug).min(1).max(12),
  difficulty: DifficultySchema,
  role: RoleSchema,
  /** `official`: the answer is the source's official answer, verbatim. `layerwise`: written for Layerwise. */
  answerSource: z.enum(["official", "layerwise"]),
  keyPoints: z.array(text).min(3, "needs 3–7 key points").max(7, "needs 3–7 key points"),
  poorAnswer: z.strictObject({ answer: text, why: text }),
  followUps: z.array(text).min(2, "needs 2–4 follow-up questions").max(4, "needs 2–4 follow-up questions"),
  /** Slugs of explicitly related questions; each must exist. */
  related: z.array(slug).default([]),
  sources: z.array(SourceSchema).min(1, "cite at least one source"),
  /** A reviewer's critique, kept apart from official text (Markdown). */
  reviewerNotes: text.optional(),
});
export type QuestionFrontmatter = z.infer<typeof QuestionFrontmatterSchema>;

export type Question = QuestionFrontmatter & {
  /** The answer body (Markdown; for the official answer, plain paragraphs rendered verbatim). */
  answer: string;
};
