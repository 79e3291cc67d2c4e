"use client";

// First: the quiz schemas below are built at import, and zod must not probe `new Function` under the CSP.
import "@/components/lab/zod-jitless";
import { useState } from "react";
import { LAB_PRESETS, QuizItemSchema, type QuizItem, type QuizItemType } from "@/lib/schemas/quiz";
import { btnPrimary, btnQuiet, btnSecondary, muted } from "@/components/ui/styles";

const field = "rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export const ITEM_TYPES: { type: QuizItemType; label: string }[] = [
  { type: "single", label: "Single choice" },
  { type: "multiple", label: "Multiple choice" },
  { type: "truefalse", label: "True or false" },
  { type: "numeric", label: "Number" },
  { type: "ordering", label: "Put in order" },
  { type: "freetext", label: "Free text (graded by you against a rubric)" },
];

type Option = { id: string; text: string; correct: boolean; rationale: string };
/** Every field of every type, so switching type keeps what was typed. */
export type ItemDraft = {
  type: QuizItemType;
  id: string;
  prompt: string;
  keyPoint: number;
  labPreset: string;
  options: Option[];
  truth: boolean;
  answer: string;
  tolerance: string;
  unit: string;
  rationale: string;
  entries: { id: string; text: string }[];
  rubric: string[];
  modelAnswer: string;
};

const letter = (i: number) => String.fromCharCode(97 + i);
const blankOption = (i: number): Option => ({ id: letter(i), text: "", correct: i === 0, rationale: "" });

export function emptyDraft(id: string): ItemDraft {
  return {
    type: "single",
    id,
    prompt: "",
    keyPoint: 0,
    labPreset: "",
    options: [0, 1, 2].map(blankOption),
    truth: true,
    answer: "",
    tolerance: "0",
    unit: "",
    rationale: "",
    entries: [0, 1, 2].map((i) => ({ id: `e${i + 1}`, text: "" })),
    rubric: ["", ""],
    modelAnswer: "",
  };
}

export function draftOf(item: QuizItem): ItemDraft {
  const d = { ...emptyDraft(item.id), type: item.type, prompt: item.prompt, keyPoint: item.keyPoint, labPreset: item.labPreset ?? "" };
  switch (item.type) {
    case "single":
    case "multiple":
      return { ...d, options: item.options.map((o) => ({ ...o })) };
    case "truefalse":
      return { ...d, truth: item.answer, rationale: item.rationale };
    case "numeric":
      return { ...d, answer: String(item.answer), tolerance: String(item.tolerance), unit: item.unit ?? "", rationale: item.rationale };
    case "ordering":
      return { ...d, entries: item.entries.map((e) => ({ ...e })), rationale: item.rationale };
    case "freetext":
      return { ...d, rubric: [...item.rubric], modelAnswer: item.modelAnswer };
  }
}

/** The draft as the object `QuizItemSchema` validates (numbers parsed; empty lab preset left out). */
export function itemOf(d: ItemDraft): unknown {
  const base = { id: d.id, prompt: d.prompt, keyPoint: d.keyPoint, ...(d.labPreset ? { labPreset: d.labPreset } : {}) };
  const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
  switch (d.type) {
    case "single":
    case "multiple":
      return { ...base, type: d.type, options: d.options };
    case "truefalse":
      return { ...base, type: d.type, answer: d.truth, rationale: d.rationale };
    case "numeric":
      return {
        ...base,
        type: d.type,
        answer: num(d.answer),
        tolerance: num(d.tolerance),
        ...(d.unit.trim() ? { unit: d.unit.trim() } : {}),
        rationale: d.rationale,
      };
    case "ordering":
      return { ...base, type: d.type, entries: d.entries, rationale: d.rationale };
    case "freetext":
      return { ...base, type: d.type, rubric: d.rubric, modelAnswer: d.modelAnswer };
  }
}

/** Validate with the quiz schema itself; the messages name the field. The server validates again on save. */
export function checkDraft(d: ItemDraft): { ok: true; item: QuizItem } | { ok: false; errors: string[] } {
  const r = QuizItemSchema.safeParse(itemOf(d));
  if (r.success) return { ok: true, item: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.length ? `${i.path.join(" → ")}: ` : ""}${i.message}`) };
}

/**
 * One item in a form: its type, prompt and key point, and per type the options (each with its rationale),
 * the answer, the entries in order or the rubric and model answer. Texts are Markdown, shown to candidates
 * only through the sanitising pipeline (the set page previews the saved items that way).
 */
export function ItemForm({
  initial,
  heading,
  onDone,
  onCancel,
}: {
  initial: ItemDraft;
  heading: string;
  onDone: (item: QuizItem) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<ItemDraft>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const up = (patch: Partial<ItemDraft>) => setD({ ...d, ...patch });
  const choice = d.type === "single" || d.type === "multiple";
  const setOption = (i: number, patch: Partial<Option>) =>
    up({
      options: d.options.map((o, j) => {
        if (j === i) return { ...o, ...patch };
        // A single-choice item has one right option: ticking one clears the others.
        return d.type === "single" && patch.correct ? { ...o, correct: false } : o;
      }),
    });
  const done = () => {
    const r = checkDraft(d);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
    onDone(r.item);
  };

  return (
    <fieldset
      className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      aria-label={heading}
      onKeyDown={(e) => {
        // Enter in a one-line field saves this item, not the whole set (the form around it).
        if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type !== "checkbox" && e.target.type !== "radio") {
          e.preventDefault();
          done();
        }
      }}
    >
      <legend className="px-1 font-semibold">{heading}</legend>
      <div className="flex flex-wrap gap-3">
        <label className="space-y-1">
          <span className="block font-medium">Item type</span>
          <select className={field} value={d.type} onChange={(e) => up({ type: e.target.value as QuizItemType })}>
            {ITEM_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">Item id</span>
          <input className={field} value={d.id} onChange={(e) => up({ id: e.target.value })} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
        </label>
        <label className="space-y-1">
          <span className="block font-medium">Key point number</span>
          <input
            className={`${field} w-24`}
            type="number"
            min={0}
            value={d.keyPoint}
            onChange={(e) => up({ keyPoint: Number(e.target.value) })}
          />
        </label>
        <label className="space-y-1">
          <span className="block font-medium">Lab preset</span>
          <select className={field} value={d.labPreset} onChange={(e) => up({ labPreset: e.target.value })}>
            <option value="">none</option>
            {LAB_PRESETS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block space-y-1">
        <span className="block font-medium">Prompt (Markdown)</span>
        <textarea className={`${field} h-24 w-full`} value={d.prompt} onChange={(e) => up({ prompt: e.target.value })} />
      </label>

      {choice && (
        <div className="space-y-2">
          {d.options.map((o, i) => (
            <div key={i} className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-800">
              <div className="flex flex-wrap items-end gap-2">
                <label className="min-w-0 flex-1 space-y-1">
                  <span className="block text-sm font-medium">Option {i + 1}</span>
                  <input className={`${field} w-full`} value={o.text} onChange={(e) => setOption(i, { text: e.target.value })} />
                </label>
                <label className="flex items-center gap-1 text-sm">
                  <input
                    type={d.type === "single" ? "radio" : "checkbox"}
                    className="size-6 shrink-0"
                    name={`${d.id}-correct`}
                    checked={o.correct}
                    onChange={(e) => setOption(i, { correct: e.target.checked })}
                  />
                  Option {i + 1} is right
                </label>
                <button
                  type="button"
                  className={btnQuiet}
                  disabled={d.options.length <= 2}
                  onClick={() => up({ options: d.options.filter((_, j) => j !== i) })}
                >
                  Remove option {i + 1}
                </button>
              </div>
              <label className="block space-y-1">
                <span className="block text-sm font-medium">
                  Why option {i + 1} is {o.correct ? "right" : "wrong"}
                </span>
                <input className={`${field} w-full`} value={o.rationale} onChange={(e) => setOption(i, { rationale: e.target.value })} />
              </label>
            </div>
          ))}
          <button
            type="button"
            className={btnSecondary}
            disabled={d.options.length >= 8}
            onClick={() => {
              const used = new Set(d.options.map((o) => o.id));
              let n = d.options.length;
              while (used.has(letter(n))) n++;
              up({ options: [...d.options, { ...blankOption(n), correct: false }] });
            }}
          >
            Add an option
          </button>
        </div>
      )}

      {d.type === "truefalse" && (
        <label className="block space-y-1">
          <span className="block font-medium">The statement is</span>
          <select className={field} value={String(d.truth)} onChange={(e) => up({ truth: e.target.value === "true" })}>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        </label>
      )}

      {d.type === "numeric" && (
        <div className="flex flex-wrap gap-3">
          <label className="space-y-1">
            <span className="block font-medium">Answer</span>
            <input className={field} inputMode="decimal" value={d.answer} onChange={(e) => up({ answer: e.target.value })} />
          </label>
          <label className="space-y-1">
            <span className="block font-medium">Tolerance (±)</span>
            <input className={field} inputMode="decimal" value={d.tolerance} onChange={(e) => up({ tolerance: e.target.value })} />
          </label>
          <label className="space-y-1">
            <span className="block font-medium">Unit (optional)</span>
            <input className={field} value={d.unit} onChange={(e) => up({ unit: e.target.value })} />
          </label>
        </div>
      )}

      {d.type === "ordering" && (
        <div className="space-y-2">
          <p className={`text-sm ${muted}`}>Entries in the right order; candidates see them shuffled.</p>
          {d.entries.map((en, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <label className="min-w-0 flex-1 space-y-1">
                <span className="block text-sm font-medium">Entry {i + 1}</span>
                <input
                  className={`${field} w-full`}
                  value={en.text}
                  onChange={(e) => up({ entries: d.entries.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
                />
              </label>
              <button
                type="button"
                className={btnQuiet}
                disabled={d.entries.length <= 3}
                onClick={() => up({ entries: d.entries.filter((_, j) => j !== i) })}
              >
                Remove entry {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className={btnSecondary}
            disabled={d.entries.length >= 8}
            onClick={() => {
              const used = new Set(d.entries.map((e) => e.id));
              let n = d.entries.length + 1;
              while (used.has(`e${n}`)) n++;
              up({ entries: [...d.entries, { id: `e${n}`, text: "" }] });
            }}
          >
            Add an entry
          </button>
        </div>
      )}

      {(d.type === "truefalse" || d.type === "numeric" || d.type === "ordering") && (
        <label className="block space-y-1">
          <span className="block font-medium">Rationale (why the answer is right)</span>
          <textarea className={`${field} h-16 w-full`} value={d.rationale} onChange={(e) => up({ rationale: e.target.value })} />
        </label>
      )}

      {d.type === "freetext" && (
        <div className="space-y-2">
          <p className={`text-sm ${muted}`}>
            The rubric is part of the key: candidates never see it before submitting, and you grade their answers against it on the results
            page.
          </p>
          {d.rubric.map((r, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <label className="min-w-0 flex-1 space-y-1">
                <span className="block text-sm font-medium">Rubric point {i + 1}</span>
                <input
                  className={`${field} w-full`}
                  value={r}
                  onChange={(e) => up({ rubric: d.rubric.map((x, j) => (j === i ? e.target.value : x)) })}
                />
              </label>
              <button
                type="button"
                className={btnQuiet}
                disabled={d.rubric.length <= 2}
                onClick={() => up({ rubric: d.rubric.filter((_, j) => j !== i) })}
              >
                Remove rubric point {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className={btnSecondary} disabled={d.rubric.length >= 7} onClick={() => up({ rubric: [...d.rubric, ""] })}>
            Add a rubric point
          </button>
          <label className="block space-y-1">
            <span className="block font-medium">Model answer</span>
            <textarea className={`${field} h-16 w-full`} value={d.modelAnswer} onChange={(e) => up({ modelAnswer: e.target.value })} />
          </label>
        </div>
      )}

      {errors.length > 0 && (
        <div role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          <p>This item is not valid yet:</p>
          <ul className="list-disc pl-6">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex gap-2">
        <button type="button" className={btnPrimary} onClick={done}>
          Save this item
        </button>
        <button type="button" className={btnQuiet} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
