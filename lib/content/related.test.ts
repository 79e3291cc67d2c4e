import { expect, it } from "vitest";
import { readBankFromDisk } from "./read-bank";
import { relatedQuestions } from "./related";

const all = readBankFromDisk().map((e) => e.question);

it("lists the explicit links first, then questions sharing the most tags, never the question itself", () => {
  const q = all.find((x) => x.slug === "layer-freezing")!;
  const related = relatedQuestions(q, all);
  expect(related.slice(0, q.related.length).map((r) => r.slug)).toEqual(q.related);
  expect(related.every((r) => r.slug !== q.slug)).toBe(true);
  const byTags = related.filter((r) => r.reason === "shared-tags");
  for (let i = 1; i < byTags.length; i++) expect(byTags[i - 1]!.sharedTags.length).toBeGreaterThanOrEqual(byTags[i]!.sharedTags.length);
});
