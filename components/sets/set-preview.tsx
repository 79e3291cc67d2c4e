import type { QuizItem } from "@/lib/schemas/quiz";
import { Markdown } from "@/components/ui/markdown";
import { keyText } from "@/lib/sets/results";
import { muted } from "@/components/ui/styles";

/**
 * The saved items as candidates will see them, with the key and rationales for the owner: every Markdown
 * text goes through the one sanitising pipeline (`Markdown`), option and entry texts are plain text.
 */
export function SetPreview({ items }: { items: QuizItem[] }) {
  return (
    <details className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <summary className="cursor-pointer text-xl font-semibold">Preview the saved items</summary>
      <ol className="mt-3 space-y-4">
        {items.map((item, n) => (
          <li key={item.id} className="space-y-1">
            <p className={`text-sm ${muted}`}>
              {n + 1}. {item.type} · {item.id}
            </p>
            <Markdown markdown={item.prompt} />
            {(item.type === "single" || item.type === "multiple") && (
              <ul className="list-disc pl-6">
                {item.options.map((o) => (
                  <li key={o.id}>
                    {o.correct ? "✓ " : "✗ "}
                    {o.text}
                    <Markdown markdown={o.rationale} className={`text-sm ${muted}`} />
                  </li>
                ))}
              </ul>
            )}
            {item.type === "freetext" ? (
              <>
                <p className="text-sm font-medium">Rubric</p>
                <ul className="list-disc pl-6 text-sm">
                  {item.rubric.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
                <Markdown markdown={item.modelAnswer} className={`text-sm ${muted}`} />
              </>
            ) : (
              item.type !== "single" &&
              item.type !== "multiple" && (
                <>
                  <p className="text-sm">Key: {keyText(item)}</p>
                  <Markdown markdown={item.rationale} className={`text-sm ${muted}`} />
                </>
              )
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
