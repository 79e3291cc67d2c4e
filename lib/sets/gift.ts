import { parse as parseGiftText } from "gift-pegjs";
import type { GIFTQuestion, NumericalChoice, NumericalFormat, TextChoice, TextFormat } from "gift-pegjs";
import { SetItemSchema, type GiftExtras, type GiftNumber, type SetItem } from "@/lib/schemas/sets";
import type { QuizItem } from "@/lib/schemas/quiz";
import type { ConversionReport, ReportEntry } from "./report";

/**
 * Moodle GIFT import and export (decision 020). The grammar is gift-pegjs's; this module splits the file
 * into questions itself (Moodle's rule: a blank line ends a question) so every report entry carries the
 * question's line and one bad question never costs the others. Layerwise grades by its own rules; what a
 * GIFT question has beyond them (weights, per-answer feedback, formats, titles, partial-credit answers) is
 * kept in the item's `gift` extras and written back on export, and every change of meaning is reported.
 */

/** The rationale of an answer the file gave no feedback for (the item schema requires one). */
export const NO_FEEDBACK = "No feedback was given for this answer in the imported file.";
const BLANK = "_____";
const OPTION_IDS = ["a", "b", "c", "d", "e", "f", "g", "h"];

type Block = { line: number; text: string };

/** Questions are separated by blank lines; blocks of comments only are not questions. */
function splitBlocks(source: string): Block[] {
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const blocks: Block[] = [];
  let current: string[] = [];
  let first = 0;
  const flush = () => {
    const firstContent = current.findIndex((l) => !l.trim().startsWith("//"));
    if (firstContent >= 0) blocks.push({ line: first + firstContent + 1, text: current.join("\n") });
    current = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") return flush();
    if (current.length === 0) first = i;
    current.push(line);
  });
  flush();
  return blocks;
}

const unescape = (s: string) => s.replace(/\\(.)/g, "$1").trim();

/**
 * gift-pegjs rejects Moodle's catch-all feedback after a single numeric answer (`{#3:2~#Wrong}`, in Moodle's
 * own test fixture); it is lifted out here and written back on export. In a list of answers it parses.
 */
function liftNumericOtherFeedback(text: string): { text: string; other: string | null } {
  const m = /(\{#(?![^}]*=)(?:\\.|[^\\}~])*)~\s*#((?:\\.|[^\\}])*)\}/.exec(text);
  if (!m) return { text, other: null };
  return { text: text.slice(0, m.index) + m[1] + "}" + text.slice(m.index + m[0].length), other: unescape(m[2]!) };
}

type Converted = { ok: true; item: SetItem; changes: string[] } | { ok: false; message: string };

const fmt = (t: TextFormat | null) => (t ? { format: t.format, text: t.text } : null);

function toNumber(n: NumericalFormat): GiftNumber | null {
  if (n.type === "simple" && n.number !== undefined) return { type: "simple", number: n.number };
  if (n.type === "range" && n.number !== undefined) return { type: "range", number: n.number, range: n.range ?? 0 };
  if (n.type === "high-low" && n.numberLow !== undefined && n.numberHigh !== undefined) {
    return { type: "high-low", numberLow: n.numberLow, numberHigh: n.numberHigh };
  }
  return null;
}

/** Layerwise numeric items hold an answer and an absolute tolerance; a low..high range is its midpoint ± half. */
export function answerAndTolerance(n: GiftNumber): { answer: number; tolerance: number } {
  if (n.type === "simple") return { answer: n.number, tolerance: 0 };
  if (n.type === "range") return { answer: n.number, tolerance: Math.abs(n.range) };
  // Rounded to 12 significant digits: 3.141..3.142 is 3.1415 ± 0.0005, not 3.1414999999999997 (grading has slack).
  const tidy = (x: number) => Number(x.toPrecision(12));
  return { answer: tidy((n.numberLow + n.numberHigh) / 2), tolerance: tidy(Math.abs(n.numberHigh - n.numberLow) / 2) };
}

function extrasBase(q: Exclude<GIFTQuestion, { type: "Category" }>): GiftExtras {
  return {
    title: q.title ?? null,
    stemFormat: q.stem.format,
    embedded: q.hasEmbeddedAnswers,
    globalFeedback: "globalFeedback" in q ? fmt(q.globalFeedback) : null,
  };
}

function convert(q: GIFTQuestion, id: string, otherFeedback: string | null): Converted {
  if (q.type === "Category") return { ok: false, message: `category "${q.title}": Layerwise sets have no categories` };
  if (q.type === "Description") return { ok: false, message: "description (text without answers): not a question" };
  if (q.type === "Essay") return { ok: false, message: "essay: Layerwise has no essay items (free-text items need a rubric)" };
  if (q.type === "Matching") return { ok: false, message: "matching: Layerwise has no matching items" };
  const prompt = q.stem.text.trim();
  const base = { id, prompt, keyPoint: 0 };
  const extras = extrasBase(q);
  const changes: string[] = [];
  let item: QuizItem;
  if (q.type === "MC") {
    const built = choiceItem(q.choices, base, extras, changes);
    if (!built.ok) return built;
    item = built.item;
  } else if (q.type === "TF") {
    const right = q.isTrue ? q.trueFeedback : q.falseFeedback;
    const rationale = q.globalFeedback?.text || right?.text || (q.isTrue ? q.falseFeedback : q.trueFeedback)?.text;
    if (!rationale) changes.push("no feedback in the file: the rationale is a placeholder");
    item = { ...base, type: "truefalse", answer: q.isTrue, rationale: rationale || NO_FEEDBACK };
    extras.trueFalse = { trueFeedback: fmt(q.trueFeedback), falseFeedback: fmt(q.falseFeedback) };
  } else if (q.type === "Numerical") {
    const list = Array.isArray(q.choices);
    const raw: NumericalChoice[] = Array.isArray(q.choices)
      ? q.choices
      : [{ isCorrect: true, weight: null, text: q.choices, feedback: null }];
    let other = otherFeedback;
    const answers: NonNullable<GiftExtras["numeric"]>["answers"] = [];
    for (const c of raw) {
      // Moodle's `~#feedback` in a list parses as a wrong "*" answer: it is the catch-all feedback.
      if ("format" in c.text) {
        other = c.feedback?.text ?? "";
        continue;
      }
      const number = toNumber(c.text);
      if (!number) return { ok: false, message: "numeric: an answer without a number" };
      answers.push({ isCorrect: c.isCorrect, weight: c.weight, number, feedback: fmt(c.feedback) });
    }
    const key = answers.findIndex((a) => a.isCorrect && (a.weight === null || a.weight === 100));
    if (key < 0) return { ok: false, message: "numeric: no answer worth full credit" };
    if (answers.length > 1) changes.push("partial-credit answers are kept for export but Layerwise grades them as wrong");
    const keyAnswer = answers[key]!;
    const rationale = keyAnswer.feedback?.text || q.globalFeedback?.text;
    if (!rationale) changes.push("no feedback in the file: the rationale is a placeholder");
    item = { ...base, type: "numeric", ...answerAndTolerance(keyAnswer.number), rationale: rationale || NO_FEEDBACK };
    extras.numeric = { list, key, answers, otherFeedback: other };
  } else {
    // Short answer: Layerwise has no machine-checked short answer; the accepted answers become the rubric
    // of a free-text item, which the candidate self-grades (shown as self-graded, never as machine-checked).
    const full = q.choices.find((c) => c.isCorrect && (c.weight === null || c.weight === 100));
    if (!full) return { ok: false, message: "short answer: no answer worth full credit" };
    const rubric = q.choices
      .filter((c) => c.text.text !== "*")
      .map((c) => `Accepts “${c.text.text}”${c.weight !== null && c.weight !== 100 ? ` (${c.weight}% credit)` : ""}`);
    if (rubric.length < 2) rubric.push("Matches an accepted answer word for word (case does not matter)");
    item = { ...base, type: "freetext", rubric, modelAnswer: full.text.text };
    changes.push("short answer imported as a free-text item: candidates self-grade against the accepted answers");
    extras.short = q.choices.map((c) => ({
      text: c.text.text,
      isCorrect: c.isCorrect,
      weight: c.weight,
      format: c.text.format,
      feedback: fmt(c.feedback),
    }));
  }
  const parsed = SetItemSchema.safeParse({ item, origin: { kind: "import", format: "gift" }, gift: extras });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `${q.type === "MC" ? "choice" : q.type.toLowerCase()}: ${issue?.path.slice(1).join(".")} ${issue?.message}`,
    };
  }
  return { ok: true, item: parsed.data, changes };
}

function choiceItem(
  choices: TextChoice[],
  base: { id: string; prompt: string; keyPoint: number },
  extras: GiftExtras,
  changes: string[],
): { ok: true; item: QuizItem } | { ok: false; message: string } {
  if (choices.length > OPTION_IDS.length) return { ok: false, message: `choice: ${choices.length} answers (Layerwise allows 8)` };
  const full = choices.filter((c) => c.isCorrect);
  // Moodle: a `=` answer makes the question single-response; without one, several answers may be ticked.
  const single = full.length > 0;
  if (full.length > 1) return { ok: false, message: "choice: several `=` answers in one single-response question" };
  if (choices.some((c) => !c.feedback)) changes.push("answers without feedback get a placeholder rationale");
  if (single && choices.some((c) => !c.isCorrect && (c.weight ?? 0) > 0)) {
    changes.push("partial-credit answers are kept for export but Layerwise grades them as wrong");
  }
  extras.choices = {};
  const options = choices.map((c, i) => {
    const id = OPTION_IDS[i]!;
    extras.choices![id] = { isCorrect: c.isCorrect, weight: c.weight, format: c.text.format, feedback: fmt(c.feedback) };
    const correct = single ? c.isCorrect : (c.weight ?? 0) > 0;
    return { id, text: c.text.text, correct, rationale: c.feedback?.text || NO_FEEDBACK };
  });
  return { ok: true, item: { ...base, type: single ? "single" : "multiple", options } };
}

export type GiftImport = { items: SetItem[]; report: ConversionReport };

/** Imports a GIFT file. Never throws: questions it cannot convert are report entries with their line. */
export function importGift(source: string): GiftImport {
  const items: SetItem[] = [];
  const entries: ReportEntry[] = [];
  for (const block of splitBlocks(source)) {
    const title = /^\s*::((?:\\.|[^:\\]|:(?!:))*)::/m.exec(block.text.replace(/^\s*\/\/.*$/gm, ""))?.[1] ?? null;
    if (/\{\s*\d+:[A-Z_]+:/.test(block.text)) {
      entries.push({ line: block.line, title, kind: "skipped", message: "cloze (embedded answers): Layerwise has no cloze items" });
      continue;
    }
    const lifted = liftNumericOtherFeedback(block.text);
    let questions: GIFTQuestion[];
    try {
      questions = parseGiftText(lifted.text + "\n");
    } catch (e) {
      const loc = (e as { location?: { start?: { line?: number } } }).location?.start?.line ?? 1;
      const offset = block.text.split("\n").findIndex((l) => !l.trim().startsWith("//"));
      const last = block.line - offset + block.text.split("\n").length - 1;
      entries.push({
        line: Math.min(last, block.line + loc - 1 - offset),
        title,
        kind: "skipped",
        message: `not valid GIFT: ${(e as Error).message}`,
      });
      continue;
    }
    for (const q of questions) {
      const converted = convert(q, `q${items.length + 1}`, lifted.other);
      const qTitle = "title" in q ? (q.title ?? null) : title;
      if (!converted.ok) {
        entries.push({ line: block.line, title: qTitle, kind: "skipped", message: converted.message });
        continue;
      }
      items.push(converted.item);
      for (const message of converted.changes) entries.push({ line: block.line, title: qTitle, kind: "changed", message });
    }
  }
  return { items, report: { converted: items.length, entries } };
}

// ---------------------------------------------------------------------------------------------- export

/** Escapes GIFT's control characters and keeps paragraphs inside one question (`\n`). */
function esc(s: string): string {
  return s.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\n(?=\s*\n)/g, "\\n");
}

const formatted = (format: string, text: string) => `${format === "moodle" ? "" : `[${format}]`}${esc(text)}`;
const feedback = (f: { format: string; text: string } | null) => (f ? `#${formatted(f.format, f.text)}` : "");
const weight = (w: number | null) => (w === null ? "" : `%${w}%`);

function numberText(n: GiftNumber): string {
  if (n.type === "simple") return String(n.number);
  if (n.type === "range") return `${n.number}:${n.range}`;
  return `${n.numberLow}..${n.numberHigh}`;
}

/** The numbers as written at import while the item's key is unchanged; the item's own key once edited. */
function keyNumber(item: Extract<QuizItem, { type: "numeric" }>, written: GiftNumber | undefined): GiftNumber {
  if (written) {
    const { answer, tolerance } = answerAndTolerance(written);
    if (answer === item.answer && tolerance === item.tolerance) return written;
  }
  return item.tolerance === 0 ? { type: "simple", number: item.answer } : { type: "range", number: item.answer, range: item.tolerance };
}

function answerBlock(set: SetItem): string | null {
  const { item, gift } = set;
  const own = !gift;
  switch (item.type) {
    case "single":
    case "multiple": {
      const lines = item.options.map((o) => {
        const g = gift?.choices?.[o.id];
        const fb = g ? g.feedback : { format: own ? "markdown" : "moodle", text: o.rationale };
        if (item.type === "single") {
          const mark = o.correct ? "=" : "~";
          const w = g && g.isCorrect === o.correct ? weight(g.weight) : "";
          return `${mark}${w}${formatted(g?.format ?? (own ? "markdown" : "moodle"), o.text)}${feedback(fb)}`;
        }
        const share = item.options.filter((x) => x.correct).length;
        const keep = g && (g.weight ?? 0) > 0 === o.correct;
        const w = keep ? g.weight : o.correct ? roundWeight(100 / share) : -100;
        return `~${weight(w)}${formatted(g?.format ?? "markdown", o.text)}${feedback(fb)}`;
      });
      return `{\n${lines.map((l) => `    ${l}`).join("\n")}\n}`;
    }
    case "truefalse": {
      const tf = gift?.trueFalse;
      // `{TRUE#when answered true#when answered false}`; an empty first part keeps the second in place.
      const fbs = !tf
        ? `#${formatted("markdown", item.rationale)}#${formatted("markdown", item.rationale)}`
        : tf.falseFeedback
          ? `#${tf.trueFeedback ? formatted(tf.trueFeedback.format, tf.trueFeedback.text) : ""}${feedback(tf.falseFeedback)}`
          : feedback(tf.trueFeedback);
      return `{${item.answer ? "TRUE" : "FALSE"}${fbs}${globalFeedback(set)}}`;
    }
    case "numeric": {
      const n = gift?.numeric;
      const rationale = { format: own ? "markdown" : "moodle", text: item.rationale };
      // gift-pegjs reads feedback only in the list form (`{#=2.5:0.1#why}`), so the set's own items use it.
      if (own) return `{#\n    =${numberText(keyNumber(item, undefined))}${feedback(rationale)}\n}`;
      if (!n?.list) {
        const other = n?.otherFeedback != null ? `~#${esc(n.otherFeedback)}` : "";
        return `{#${numberText(keyNumber(item, n?.answers[0]?.number))}${other}${globalFeedback(set)}}`;
      }
      const lines = n.answers.map((a, i) =>
        i === n.key
          ? `=${weight(a.weight)}${numberText(keyNumber(item, a.number))}${feedback(a.feedback)}`
          : `=${weight(a.weight)}${numberText(a.number)}${feedback(a.feedback)}`,
      );
      if (n.otherFeedback !== null) lines.push(`~#${esc(n.otherFeedback)}`);
      return `{#\n${lines.map((l) => `    ${l}`).join("\n")}${globalFeedback(set)}\n}`;
    }
    case "freetext": {
      if (!gift?.short) return null;
      const lines = gift.short.map((c) => `=${weight(c.weight)}${formatted(c.format, c.text)}${feedback(c.feedback)}`);
      return `{\n${lines.map((l) => `    ${l}`).join("\n")}${globalFeedback(set)}\n}`;
    }
    case "ordering":
      return null;
  }
}

const roundWeight = (w: number) => Math.round(w * 100000) / 100000;

function globalFeedback(set: SetItem): string {
  const g = set.gift?.globalFeedback;
  return g ? `\n####${formatted(g.format, g.text)}` : "";
}

/**
 * Writes items as GIFT. Items imported from GIFT come back as they were written (weights, feedback, formats,
 * titles); the set's own items are written as `[markdown]` with their rationales as per-answer feedback.
 * Ordering and free-text items have no GIFT form: they are left out and listed in the report.
 */
export function exportGift(items: readonly SetItem[]): { text: string; report: ConversionReport } {
  const out: string[] = [];
  const entries: ReportEntry[] = [];
  items.forEach((set, i) => {
    const block = answerBlock(set);
    const title = set.gift?.title ?? null;
    if (block === null) {
      const message = `${set.item.type === "ordering" ? "ordering" : "free-text"} items have no GIFT form`;
      entries.push({ line: i + 1, title, kind: "skipped", message });
      return;
    }
    const head = title !== null ? `::${esc(title)}::` : "";
    const format = set.gift?.stemFormat ?? "markdown";
    const prefix = format === "moodle" ? "" : `[${format}]`;
    const prompt = set.item.prompt;
    const at = set.gift?.embedded ? prompt.indexOf(BLANK) : -1;
    const stem =
      at >= 0
        ? `${prefix}${esc(prompt.slice(0, at).trimEnd())} ${block} ${esc(prompt.slice(at + BLANK.length).trimStart())}`.trimEnd()
        : `${prefix}${esc(prompt)} ${block}`;
    out.push(`${head}${stem}`);
  });
  return { text: out.length ? `${out.join("\n\n")}\n` : "", report: { converted: out.length, entries } };
}
