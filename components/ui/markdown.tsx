import { renderMarkdown } from "@/lib/markdown";

/**
 * Renders Markdown through the one sanitising pipeline (lib/markdown.ts). This is the only
 * component allowed to set inner HTML, and only with that pipeline's output.
 */
export function Markdown({ markdown, className = "" }: { markdown: string; className?: string }) {
  return <div className={`prose-lw ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />;
}
