import { SetItemSchema, type SetItem } from "@/lib/schemas/sets";
import type { QuizItem, QuizItemType } from "@/lib/schemas/quiz";
import type { ConversionReport, ReportEntry } from "./report";

/**
 * Layerwise Markdown: a set's items as one Markdown file a person can write (docs/SETS.md has the format).
 *
 *   ## single pick-one            ← `## <type> <id>`; type is one of the six item types
 *   Key point: 1                  ← optional, right after the heading (default 0); `Lab: <preset>` likewise
 *   The prompt, any Markdown…
 *   - [x] Right option {#a}       ← choice options; `{#id}` only when the id is not the default a, b, c…
 *     > Why it is right.          ← each option's rationale, indented
 *   - [ ] Wrong option
 *     > Why it is wrong.
 *
 * truefalse: `Answer: true` then `> rationale`; numeric: `Answer: 1822 ± 2 years` then `> rationale`;
 * ordering: `1. entry` lines in the right order then `> rationale`; freetext: `Rubric:` with `- point` lines,
 * then `Model answer:` with `> ` lines. The prompt ends at the first answer line of its type; a prompt line
 * that would read as one is written with a leading backslash, which Markdown renders away.
 */

const HEADING = /^## (single|multiple|truefalse|numeric|ordering|freetext) ([a-z0-9]+(?:-[a-z0-9]+)*)\s*$/;
const OPTION = /^- \[( |x|X)\] (.*?)(?: \{#([a-z0-9]+(?:-[a-z0-9]+)*)\})?\s*$/;
const ENTRY = /^(\d+)\. (.*?)(?: \{#([a-z0-9]+(?:-[a-z0-9]+)*)\})?\s*$/;
const NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
const NUMERIC_ANSWER = new RegExp(`^Answer: (${NUMBER})(?: ± (${NUMBER}))?(?: (.+?))?\\s*$`);
const TF_ANSWER = /^Answer: (true|false)\s*$/;

/** The first line of each type's answer part: where its prompt ends. */
const STARTS: Record<QuizItemType, RegExp> = {
  single: OPTION,
  multiple: OPTION,
  truefalse: /^Answer: /,
  numeric: /^Answer: /,
  ordering: ENTRY,
  freetext: /^Rubric:\s*$/,
};
/**
 * Prompt lines that would end the prompt or read as a heading/meta line get a Markdown escape that renders
 * the same text (`\- [x]`, `1\.`, `Answer\:`); import removes exactly these escapes again.
 */
const PROTECTIONS: [RegExp, string, RegExp, string][] = [
  [/^- \[/, "\\- [", /^\\- \[/, "- ["],
  [/^(\d+)\. /, "$1\\. ", /^(\d+)\\\. /, "$1. "],
  [/^(Answer|Rubric|Model answer|Key point|Lab):/, "$1\\:", /^(Answer|Rubric|Model answer|Key point|Lab)\\:/, "$1:"],
  [/^## (?=(?:single|multiple|truefalse|numeric|ordering|freetext) )/, "\\## ", /^\\## /, "## "],
];
const protectLine = (l: string) => PROTECTIONS.reduce((acc, [m, r]) => (acc === l && m.test(l) ? l.replace(m, r) : acc), l);
const unprotectLine = (l: string) => PROTECTIONS.reduce((acc, [, , m, r]) => (acc === l && m.test(l) ? l.replace(m, r) : acc), l);

const defaultId = (prefix: string, i: number) => (prefix === "" ? String.fromCharCode(97 + i) : `${prefix}${i + 1}`);

type Section = { type: QuizItemType; id: string; line: number; lines: string[] };

function sections(source: string): { title: string | null; sections: Section[] } {
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const out: Section[] = [];
  let title: string | null = null;
  lines.forEach((line, i) => {
    const h = HEADING.exec(line);
    if (h) out.push({ type: h[1] as QuizItemType, id: h[2]!, line: i + 1, lines: [] });
    else if (out.length > 0) out.at(-1)!.lines.push(line);
    else if (title === null && /^# \S/.test(line)) title = line.slice(2).trim();
  });
  return { title, sections: out };
}

/** `> a` / `>` lines (with the given indent) → text; stops at the first other line. */
function quoted(lines: string[], at: number, indent: string): { text: string; next: number } {
  const out: string[] = [];
  let i = at;
  while (i < lines.length && (lines[i]!.startsWith(`${indent}> `) || lines[i]!.trimEnd() === `${indent}>`)) {
    out.push(lines[i]!.slice(indent.length + 2));
    i++;
  }
  return { text: out.join("\n").trim(), next: i };
}

const skipBlank = (lines: string[], i: number) => {
  while (i < lines.length && lines[i]!.trim() === "") i++;
  return i;
};

function parseSection(s: Section): { item: unknown } | { error: string; line: number } {
  const lines = s.lines;
  let i = skipBlank(lines, 0);
  let keyPoint = 0;
  let labPreset: string | undefined;
  for (;;) {
    const kp = /^Key point: (\d+)\s*$/.exec(lines[i] ?? "");
    const lab = /^Lab: (\S+)\s*$/.exec(lines[i] ?? "");
    if (kp) keyPoint = Number(kp[1]);
    else if (lab) labPreset = lab[1];
    else break;
    i++;
  }
  const promptStart = i;
  while (i < lines.length && !STARTS[s.type].test(lines[i]!)) i++;
  const prompt = lines.slice(promptStart, i).map(unprotectLine).join("\n").trim();
  if (i >= lines.length) return { error: `no answer part for a ${s.type} item`, line: s.line };
  const at = (k: number) => s.line + 1 + k;
  const base = { id: s.id, prompt, keyPoint, ...(labPreset !== undefined ? { labPreset } : {}) };
  const rest = () => {
    const j = skipBlank(lines, i);
    return j < lines.length ? { error: `unexpected line: ${lines[j]!.slice(0, 60)}`, line: at(j) } : null;
  };
  switch (s.type) {
    case "single":
    case "multiple": {
      const options: { id: string; text: string; correct: boolean; rationale: string }[] = [];
      while (i < lines.length) {
        const m = OPTION.exec(lines[i]!);
        if (!m) break;
        const r = quoted(lines, i + 1, "  ");
        options.push({ id: m[3] ?? defaultId("", options.length), text: m[2]!.trim(), correct: m[1] !== " ", rationale: r.text });
        i = skipBlank(lines, r.next);
      }
      return rest() ?? { item: { ...base, type: s.type, options } };
    }
    case "truefalse":
    case "numeric": {
      const line = lines[i]!;
      const r = quoted(lines, skipBlank(lines, i + 1), "");
      const answerLine = i;
      i = r.next;
      const tail = rest();
      if (tail) return tail;
      if (s.type === "truefalse") {
        const m = TF_ANSWER.exec(line);
        if (!m) return { error: "write `Answer: true` or `Answer: false`", line: at(answerLine) };
        return { item: { ...base, type: "truefalse", answer: m[1] === "true", rationale: r.text } };
      }
      const m = NUMERIC_ANSWER.exec(line);
      if (!m) return { error: "write `Answer: <number>` with an optional `± <tolerance>` and unit", line: at(answerLine) };
      const unit = m[3] ? { unit: m[3] } : {};
      return { item: { ...base, type: "numeric", answer: Number(m[1]), tolerance: Number(m[2] ?? 0), ...unit, rationale: r.text } };
    }
    case "ordering": {
      const entries: { id: string; text: string }[] = [];
      while (i < lines.length) {
        const m = ENTRY.exec(lines[i]!);
        if (!m) break;
        entries.push({ id: m[3] ?? defaultId("e", entries.length), text: m[2]!.trim() });
        i++;
      }
      const r = quoted(lines, skipBlank(lines, i), "");
      i = r.next;
      return rest() ?? { item: { ...base, type: "ordering", entries, rationale: r.text } };
    }
    case "freetext": {
      i++;
      const rubric: string[] = [];
      while (i < lines.length && /^- /.test(lines[i]!)) rubric.push(lines[i++]!.slice(2).trim());
      i = skipBlank(lines, i);
      if (!/^Model answer:\s*$/.test(lines[i] ?? "")) return { error: "a free-text item needs `Model answer:`", line: at(i) };
      const r = quoted(lines, skipBlank(lines, i + 1), "");
      i = r.next;
      return rest() ?? { item: { ...base, type: "freetext", rubric, modelAnswer: r.text } };
    }
  }
}

export type MarkdownImport = { title: string | null; items: SetItem[]; report: ConversionReport };

/** Reads Layerwise Markdown. Never throws; a section that does not validate is a report entry with its line. */
export function importSetMarkdown(source: string): MarkdownImport {
  const { title, sections: found } = sections(source);
  const items: SetItem[] = [];
  const entries: ReportEntry[] = [];
  const seen = new Set<string>();
  for (const s of found) {
    const parsed = parseSection(s);
    if ("error" in parsed) {
      entries.push({ line: parsed.line, title: s.id, kind: "skipped", message: parsed.error });
      continue;
    }
    if (seen.has(s.id)) {
      entries.push({ line: s.line, title: s.id, kind: "skipped", message: `the id ${s.id} is used twice` });
      continue;
    }
    const checked = SetItemSchema.safeParse({ item: parsed.item, origin: { kind: "import", format: "markdown" } });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      entries.push({ line: s.line, title: s.id, kind: "skipped", message: `${issue?.path.slice(1).join(".")}: ${issue?.message}` });
      continue;
    }
    seen.add(s.id);
    items.push(checked.data);
  }
  return { title, items, report: { converted: items.length, entries } };
}

const quote = (text: string, indent = "") =>
  text
    .split("\n")
    .map((l) => (l.trim() === "" ? `${indent}>` : `${indent}> ${l}`))
    .join("\n");
const protect = (prompt: string) => prompt.split("\n").map(protectLine).join("\n");
const idSuffix = (id: string, fallback: string) => (id === fallback ? "" : ` {#${id}}`);

function writeItem(item: QuizItem): string {
  const head = [`## ${item.type} ${item.id}`];
  if (item.keyPoint !== 0) head.push(`Key point: ${item.keyPoint}`);
  if (item.labPreset) head.push(`Lab: ${item.labPreset}`);
  const body: string[] = [protect(item.prompt), ""];
  switch (item.type) {
    case "single":
    case "multiple":
      item.options.forEach((o, i) => {
        body.push(
          `- [${o.correct ? "x" : " "}] ${o.text.replace(/\n+/g, " ")}${idSuffix(o.id, defaultId("", i))}`,
          quote(o.rationale, "  "),
        );
      });
      break;
    case "truefalse":
      body.push(`Answer: ${item.answer}`, quote(item.rationale));
      break;
    case "numeric":
      body.push(
        `Answer: ${item.answer}${item.tolerance ? ` ± ${item.tolerance}` : ""}${item.unit ? ` ${item.unit}` : ""}`,
        quote(item.rationale),
      );
      break;
    case "ordering":
      item.entries.forEach((e, i) => body.push(`${i + 1}. ${e.text.replace(/\n+/g, " ")}${idSuffix(e.id, defaultId("e", i))}`));
      body.push("", quote(item.rationale));
      break;
    case "freetext":
      body.push("Rubric:", ...item.rubric.map((r) => `- ${r.replace(/\n+/g, " ")}`), "", "Model answer:", quote(item.modelAnswer));
      break;
  }
  return [...head, ...body].join("\n");
}

/** Writes items as Layerwise Markdown; every item type has a form, so nothing is left out. */
export function exportSetMarkdown(title: string | null, items: readonly SetItem[]): string {
  const parts = items.map((s) => writeItem(s.item));
  return `${title ? `# ${title.replace(/\n+/g, " ")}\n\n` : ""}${parts.join("\n\n")}\n`;
}
