import type { Metadata } from "next";
import { notFound } from "next/navigation";
import "katex/dist/katex.min.css";
import { getAllQuestions, getQuestion } from "@/server/content";
import { QuestionView } from "@/components/questions/question-view";

// Statically generated at build time, one page per question; unknown slugs are a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return getAllQuestions().map((q) => ({ slug: q.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const q = getQuestion((await params).slug);
  return q ? { title: q.title, description: q.question } : {};
}

export default async function QuestionPage({ params }: { params: Promise<{ slug: string }> }) {
  const question = getQuestion((await params).slug);
  if (!question) notFound();
  return <QuestionView question={question} all={getAllQuestions()} />;
}
