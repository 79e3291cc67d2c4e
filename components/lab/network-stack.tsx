"use client";

import { BODY, headSpec, INPUT_FEATURES, paramsOf } from "@/lib/lab/shared";
// dataset.ts is tfjs-free too (settings.ts already imports it); it holds the target task's class count.
import { TARGET_CLASSES } from "@/lib/lab/dataset";

/**
 * The network as a stack of layers, input at the bottom. A body layer is a toggle: pressing a trainable
 * layer freezes it and everything below; pressing a frozen one unfreezes it and everything above
 * (frozen layers are always a prefix — that is what the lab's k means).
 */
export function NetworkStack({
  frozen,
  onFrozenChange,
  disabled,
}: {
  frozen: number;
  onFrozenChange: (k: number) => void;
  disabled?: boolean;
}) {
  const head = headSpec(TARGET_CLASSES);
  return (
    <figure className="space-y-1" aria-labelledby="network-caption">
      <figcaption id="network-caption" className="text-sm font-semibold">
        Network — {frozen === 0 ? "every layer trains" : `${frozen} frozen layer${frozen > 1 ? "s" : ""}`}
      </figcaption>
      <p className="text-xs text-slate-600 dark:text-slate-400">Press a layer to freeze it and everything below it.</p>
      <ol className="flex flex-col-reverse gap-1.5">
        <li className="rounded-md border border-dashed border-slate-300 px-3 py-1.5 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">
          Input · {INPUT_FEATURES} pixels (8×8)
        </li>
        {BODY.map((layer, i) => {
          const isFrozen = i < frozen;
          return (
            <li key={layer.name}>
              <button
                type="button"
                aria-pressed={isFrozen}
                disabled={disabled}
                onClick={() => onFrozenChange(isFrozen ? i : i + 1)}
                className={`flex w-full items-center justify-between rounded-md border px-3 py-2 text-left text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed ${
                  isFrozen
                    ? "border-sky-700 bg-sky-100 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100"
                    : "border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100"
                }`}
              >
                <span>
                  <span className="font-semibold">Layer {i + 1}</span> · dense {layer.inputs}→{layer.units}, ReLU
                </span>
                <span className="text-xs">
                  {isFrozen ? "❄ frozen" : "✎ trainable"} · {paramsOf(layer).toLocaleString("en")} params
                </span>
              </button>
            </li>
          );
        })}
        <li className="flex items-center justify-between rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100">
          <span>
            <span className="font-semibold">Head</span> · dense {head.inputs}→{head.units}, new for digits 5–9
          </span>
          <span className="text-xs">✎ always trains · {paramsOf(head).toLocaleString("en")} params</span>
        </li>
      </ol>
    </figure>
  );
}
