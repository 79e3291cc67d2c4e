"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { importSetAction } from "@/server/actions/sets";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ConversionReport } from "@/lib/sets/report";
import { btnSecondary } from "@/components/ui/styles";

const field = "rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

/** Import a GIFT or Layerwise Markdown file as a new set; the report lists every question not imported as is. */
export function ImportForm() {
  const router = useRouter();
  const [format, setFormat] = useState<"gift" | "markdown">("gift");
  const [text, setText] = useState("");
  const [done, setDone] = useState<{ id: string; report: ConversionReport } | null>(null);
  const { run, pending, error } = useServerAction(importSetAction);
  return (
    <form
      aria-label="Import a set"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run({ format, text }, { onSuccess: (d) => (setDone({ id: d.set.id, report: d.report }), router.refresh()) });
      }}
    >
      <label className="block space-y-1">
        <span className="block font-medium">Format</span>
        <select className={field} value={format} onChange={(e) => setFormat(e.target.value as "gift" | "markdown")}>
          <option value="gift">Moodle GIFT</option>
          <option value="markdown">Layerwise Markdown</option>
        </select>
      </label>
      <label className="block space-y-1">
        <span className="block font-medium">File contents</span>
        <textarea className={`${field} h-40 w-full font-mono text-sm`} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <label className="block space-y-1">
        <span className="block font-medium">Or choose a file</span>
        <input
          type="file"
          accept=".txt,.gift,.md,text/plain,text/markdown"
          onChange={(e) => void (e.target.files?.[0]?.text() ?? Promise.resolve("")).then(setText)}
        />
      </label>
      <button type="submit" className={btnSecondary} disabled={pending || !text.trim()}>
        Import
      </button>
      {error && (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      {done && (
        <div role="status" className="space-y-1 text-sm">
          <p>
            Imported {done.report.converted} question(s):{" "}
            <a className="underline" href={`/sets/${done.id}`}>
              open the new set
            </a>
            .
          </p>
          {done.report.entries.length > 0 && (
            <ul className="list-disc pl-6">
              {done.report.entries.map((e, i) => (
                <li key={i}>
                  Line {e.line}
                  {e.title ? ` (${e.title})` : ""}: {e.kind === "skipped" ? "not imported, " : ""}
                  {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
