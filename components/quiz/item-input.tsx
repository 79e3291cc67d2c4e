"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { INPUT_COPY } from "@/lib/quiz/input-copy";
import type { PublicQuizItem, QuizResponse } from "@/lib/quiz";
import { btnQuiet } from "@/components/ui/styles";

/**
 * The answer control of one quiz item, by type. Only the public view (`PublicQuizItem`) reaches this
 * component: it never knows which option is right. Native inputs carry the semantics (radio group,
 * checkboxes, labelled number input, textarea); ordering uses Move up/Move down buttons announced
 * through a polite live region, so it works without a mouse and with a screen reader.
 */

export type Draft = QuizResponse | { type: "numeric-draft"; text: string };

type Props = {
  item: PublicQuizItem;
  /** Server-rendered Markdown of option and entry texts that need it, keyed "itemId:optionId". */
  texts: Record<string, ReactNode>;
  value: Draft | undefined;
  disabled: boolean;
  onChange: (value: Draft | null) => void;
  /** What is said about grading a free-text answer (a set's owner grades it, not the candidate). */
  freeTextNote?: string;
};

const choiceClass =
  "flex items-start gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 dark:border-slate-700 dark:has-[:checked]:bg-slate-800";

export function ItemInput({ item, texts, value, disabled, onChange, freeTextNote }: Props) {
  const text = (o: { id: string; text: string }) => texts[`${item.id}:${o.id}`] ?? o.text;
  const name = useId();
  switch (item.type) {
    case "single":
      return (
        <div role="radiogroup" aria-label="Choose one answer" className="space-y-2">
          {item.options.map((o, i) => (
            <label key={o.id} className={choiceClass}>
              <input
                type="radio"
                name={name}
                className="mt-1 size-4"
                checked={value?.type === "single" && value.optionId === o.id}
                disabled={disabled}
                onChange={() => onChange({ type: "single", optionId: o.id })}
              />
              <span>
                <span className="sr-only">Option {i + 1}: </span>
                {text(o)}
              </span>
            </label>
          ))}
        </div>
      );
    case "multiple": {
      const chosen = value?.type === "multiple" ? value.optionIds : [];
      return (
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm text-slate-600 dark:text-slate-400">
            Choose every answer that applies (wrong ticks cost points).
          </legend>
          {item.options.map((o, i) => (
            <label key={o.id} className={choiceClass}>
              <input
                type="checkbox"
                className="mt-1 size-4"
                checked={chosen.includes(o.id)}
                disabled={disabled}
                onChange={(e) =>
                  onChange({ type: "multiple", optionIds: e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id) })
                }
              />
              <span>
                <span className="sr-only">Option {i + 1}: </span>
                {text(o)}
              </span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "truefalse":
      return (
        <div role="radiogroup" aria-label="True or false" className="flex flex-wrap gap-2">
          {[true, false].map((v) => (
            <label key={String(v)} className={`${choiceClass} min-w-28`}>
              <input
                type="radio"
                name={name}
                className="mt-1 size-4"
                checked={value?.type === "truefalse" && value.value === v}
                disabled={disabled}
                onChange={() => onChange({ type: "truefalse", value: v })}
              />
              <span>{v ? "True" : "False"}</span>
            </label>
          ))}
        </div>
      );
    case "numeric":
      return <NumericInput item={item} texts={texts} value={value} disabled={disabled} onChange={onChange} />;
    case "ordering":
      return <OrderingInput item={item} texts={texts} value={value} disabled={disabled} onChange={onChange} />;
    case "freetext":
      return (
        <label className="block space-y-1">
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {freeTextNote ?? "Your answer (you will grade it against the rubric after submitting)"}
          </span>
          <textarea
            className="block min-h-40 w-full rounded-md border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
            value={value?.type === "freetext" ? value.text : ""}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value === "" ? null : { type: "freetext", text: e.target.value })}
          />
        </label>
      );
  }
}

function NumericInput({ item, value, disabled, onChange }: Props & { item: Extract<PublicQuizItem, { type: "numeric" }> }) {
  const id = useId();
  const text = value?.type === "numeric-draft" ? value.text : value?.type === "numeric" ? String(value.value) : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="font-medium">
        Your answer{item.unit ? ` (${item.unit})` : ""}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className="w-40 rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        value={text}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value.trim() === "" ? null : { type: "numeric-draft", text: e.target.value })}
      />
      {item.unit && <span aria-hidden="true">{item.unit}</span>}
      <p id={`${id}-hint`} className="w-full text-sm text-slate-600 dark:text-slate-400">
        {INPUT_COPY.numericHint}
      </p>
    </div>
  );
}

function OrderingInput({ item, texts, value, disabled, onChange }: Props & { item: Extract<PublicQuizItem, { type: "ordering" }> }) {
  const order = value?.type === "ordering" ? value.order : item.entries.map((e) => e.id);
  const textOf = new Map(item.entries.map((e) => [e.id, e.text]));
  const [announcement, setAnnouncement] = useState("");
  const list = useRef<HTMLOListElement>(null);

  function move(from: number, to: number, direction: "up" | "down") {
    if (to < 0 || to >= order.length) return;
    const next = order.slice();
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange({ type: "ordering", order: next });
    setAnnouncement(`${textOf.get(moved!)} moved to position ${to + 1} of ${order.length}.`);
    // Keep focus on the same button of the moved entry, so repeated presses keep moving it.
    requestAnimationFrame(() => {
      const target = list.current?.querySelectorAll<HTMLButtonElement>(`button[data-dir="${direction}"]`)[to];
      (target && !target.disabled ? target : list.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")[0])?.focus();
    });
  }

  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">Put the entries in order, first at the top.</p>
      <ol ref={list} className="space-y-2">
        {order.map((id, i) => (
          <li key={id} className="flex items-center gap-2 rounded-md border border-slate-300 p-2 dark:border-slate-700">
            <span className="w-6 text-right font-mono text-sm" aria-hidden="true">
              {i + 1}.
            </span>
            <span className="flex-1">{texts[`${item.id}:${id}`] ?? textOf.get(id)}</span>
            <button
              type="button"
              data-dir="up"
              className={btnQuiet}
              disabled={disabled || i === 0}
              onClick={() => move(i, i - 1, "up")}
              aria-label={`Move up: ${textOf.get(id)}`}
            >
              ↑<span className="sr-only sm:not-sr-only"> Move up</span>
            </button>
            <button
              type="button"
              data-dir="down"
              className={btnQuiet}
              disabled={disabled || i === order.length - 1}
              onClick={() => move(i, i + 1, "down")}
              aria-label={`Move down: ${textOf.get(id)}`}
            >
              ↓<span className="sr-only sm:not-sr-only"> Move down</span>
            </button>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
