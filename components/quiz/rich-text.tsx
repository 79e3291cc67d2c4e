import { Markdown } from "@/components/ui/markdown";

/** Markdown-looking text (math, code, emphasis) through the one sanitising pipeline; anything else stays plain text. */
const MARKDOWN_HINT = /[$`*_\\[]/;

export function needsMarkdown(text: string): boolean {
  return MARKDOWN_HINT.test(text);
}

/** Short quiz text (an option, a rationale, a rubric point) rendered tight, without paragraph margins. */
export function RichText({ text, className = "" }: { text: string; className?: string }) {
  if (!needsMarkdown(text)) return <span className={className}>{text}</span>;
  return <Markdown markdown={text} className={`leading-normal! [&_p]:my-0! ${className}`} />;
}
