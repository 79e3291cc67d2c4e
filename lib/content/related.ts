import type { Question } from "@/lib/schemas/question";

export type RelatedQuestion = { slug: string; title: string; reason: "linked" | "shared-tags"; sharedTags: string[] };

/**
 * Related questions: the explicit links first (in their written order), then others ranked by the
 * number of tags they share (ties by id), up to `limit` in all.
 */
export function relatedQuestions(question: Question, all: Question[], limit = 6): RelatedQuestion[] {
  const bySlug = new Map(all.map((q) => [q.slug, q]));
  const out: RelatedQuestion[] = [];
  const seen = new Set([question.slug]);
  const tags = new Set(question.tags);
  const shared = (q: Question) => q.tags.filter((t) => tags.has(t));
  for (const slug of question.related) {
    const q = bySlug.get(slug);
    if (!q || seen.has(slug)) continue;
    seen.add(slug);
    out.push({ slug, title: q.title, reason: "linked", sharedTags: shared(q) });
  }
  const byTags = all
    .filter((q) => !seen.has(q.slug))
    .map((q) => ({ q, s: shared(q) }))
    .filter((x) => x.s.length > 0)
    .sort((a, b) => b.s.length - a.s.length || a.q.id.localeCompare(b.q.id));
  for (const { q, s } of byTags) {
    if (out.length >= limit) break;
    out.push({ slug: q.slug, title: q.title, reason: "shared-tags", sharedTags: s });
  }
  return out.slice(0, Math.max(limit, question.related.length));
}
