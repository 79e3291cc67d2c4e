import type { Metadata } from "next";
import { QuestionBrowser } from "@/components/questions/question-browser";
import { parseQuestionFilters } from "@/lib/content/filters";

export const metadata: Metadata = { title: "Questions" };

export default async function QuestionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseQuestionFilters(await searchParams);
  return <QuestionBrowser filters={filters} />;
}
