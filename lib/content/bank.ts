import matter from "gray-matter";
import YAML from "yaml";
import type { z } from "zod";
import { QuestionFrontmatterSchema, type Question } from "@/lib/schemas/question";
import { QuizFileSchema, type QuizItem } from "@/lib/schemas/quiz";
import { checkContentRules, type RuleStat } from "./rules";

/**
 * Pure parsing and cross-checking of the question bank. The file system lives in
 * `server/content.ts`; here we only turn text into validated objects, so the same
 * rules run in the build, in `npm run content -- check` and in tests.
 */

export type BankEntry = { question: Question; quiz: QuizItem[] };
export type ContentIssue = { path: string; field: string; message: string };

export class ContentError extends Error {
  /** `stats`: the bank statistics of docs/CONTENT.md, when the files parsed far enough to compute them. */
  constructor(
    readonly issues: ContentIssue[],
    readonly stats: RuleStat[] = [],
  ) {
    super(`Invalid content:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ContentError";
  }
}

export function formatIssue(i: ContentIssue): string {
  return `  ${i.path}: ${i.field || "(file)"}: ${i.message}`;
}

function zodIssues(path: string, error: z.ZodError): ContentIssue[] {
  return error.issues.map((i) => ({ path, field: i.path.join("."), message: i.message }));
}

const yamlEngine = { parse: (s: string) => YAML.parse(s) as object };

/** Parse one `<slug>.md` file. Returns the question or the issues found in it. */
export function parseQuestionFile(path: string, raw: string): { ok: true; question: Question } | { ok: false; issues: ContentIssue[] } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(raw, { engines: { yaml: yamlEngine } });
  } catch (e) {
    return { ok: false, issues: [{ path, field: "frontmatter", message: `YAML does not parse: ${(e as Error).message}` }] };
  }
  const fm = QuestionFrontmatterSchema.safeParse(parsed.data);
  if (!fm.success) return { ok: false, issues: zodIssues(path, fm.error) };
  const answer = parsed.content.trim();
  if (!answer) return { ok: false, issues: [{ path, field: "body", message: "the answer (Markdown body) is empty" }] };
  const expectedName = `${fm.data.slug}.md`;
  if (!path.endsWith(`/${expectedName}`) && path !== expectedName) {
    return { ok: false, issues: [{ path, field: "slug", message: `file must be named ${expectedName}` }] };
  }
  return { ok: true, question: { ...fm.data, answer } };
}

/** Parse one `<slug>.quiz.yaml` file. */
export function parseQuizFile(path: string, raw: string): { ok: true; items: QuizItem[] } | { ok: false; issues: ContentIssue[] } {
  let data: unknown;
  try {
    data = YAML.parse(raw);
  } catch (e) {
    return { ok: false, issues: [{ path, field: "", message: `YAML does not parse: ${(e as Error).message}` }] };
  }
  const quiz = QuizFileSchema.safeParse(data);
  if (!quiz.success) return { ok: false, issues: zodIssues(path, quiz.error) };
  return { ok: true, items: quiz.data.items };
}

export type RawFile = { path: string; raw: string };

/**
 * Build the whole bank from raw files and check the rules that span files:
 * unique ids and slugs, related links that resolve, a quiz for every question,
 * key-point indexes in range, and the content rules of `./rules` (docs/CONTENT.md).
 * Throws a ContentError listing every issue.
 */
export function buildBank(questionFiles: RawFile[], quizFiles: RawFile[]): BankEntry[] {
  const issues: ContentIssue[] = [];
  const questions: { path: string; question: Question }[] = [];
  for (const f of questionFiles) {
    const r = parseQuestionFile(f.path, f.raw);
    if (r.ok) questions.push({ path: f.path, question: r.question });
    else issues.push(...r.issues);
  }
  const quizzes = new Map<string, { path: string; items: QuizItem[] }>();
  for (const f of quizFiles) {
    const slug = f.path.split("/").pop()!.replace(/\.quiz\.yaml$/, "");
    const r = parseQuizFile(f.path, f.raw);
    if (r.ok) quizzes.set(slug, { path: f.path, items: r.items });
    else issues.push(...r.issues);
  }

  const seenIds = new Map<string, string>();
  const slugs = new Set<string>();
  for (const { path, question } of questions) {
    const other = seenIds.get(question.id);
    if (other) issues.push({ path, field: "id", message: `duplicate id ${question.id} (also in ${other})` });
    seenIds.set(question.id, path);
    if (slugs.has(question.slug)) issues.push({ path, field: "slug", message: `duplicate slug ${question.slug}` });
    slugs.add(question.slug);
  }
  for (const { path, question } of questions) {
    question.related.forEach((rel, i) => {
      if (!slugs.has(rel)) issues.push({ path, field: `related.${i}`, message: `no question has slug "${rel}"` });
      if (rel === question.slug) issues.push({ path, field: `related.${i}`, message: "a question cannot be related to itself" });
    });
    const quiz = quizzes.get(question.slug);
    if (!quiz) {
      issues.push({ path, field: "quiz", message: `missing quiz file ${question.slug}.quiz.yaml` });
      continue;
    }
    quiz.items.forEach((item, i) => {
      if (item.keyPoint >= question.keyPoints.length) {
        issues.push({ path: quiz.path, field: `items.${i}.keyPoint`, message: `key point ${item.keyPoint} does not exist (question has ${question.keyPoints.length})` });
      }
    });
  }
  for (const [slug, quiz] of quizzes) {
    if (!slugs.has(slug)) issues.push({ path: quiz.path, field: "", message: `no question ${slug}.md for this quiz` });
  }
  // Rules against test-wise guessing (docs/CONTENT.md): a biased bank fails like a broken one.
  const rules = checkContentRules([...quizzes.values()]);
  issues.push(...rules.issues);
  if (issues.length) throw new ContentError(issues, rules.stats);

  return questions
    .map(({ question }) => ({ question, quiz: quizzes.get(question.slug)!.items }))
    .sort((a, b) => a.question.id.localeCompare(b.question.id));
}
