"use client";

import { useEffect, type RefObject } from "react";

/**
 * Keyboard shortcuts while taking a quiz: 1–9 choose the n-th option of the question that has focus
 * (or the one shown, in one-at-a-time mode) by clicking its input, so React state, focus and screen
 * readers all see an ordinary choice; Enter goes to the next question. Typing in a text field, and
 * Enter on a button or link, keep their usual meaning.
 */
export function useQuizKeys({
  root,
  currentIndex,
  onEnter,
  disabled,
}: {
  root: RefObject<HTMLElement | null>;
  currentIndex: number | null;
  onEnter: (index: number) => void;
  disabled: boolean;
}) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (disabled || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const typing = target?.matches("textarea, input[type=text], input[type=number], input:not([type]), [contenteditable=true]") ?? false;
      const section =
        target?.closest<HTMLElement>("[data-item-index]") ??
        (currentIndex !== null && (target === null || target === document.body)
          ? root.current?.querySelector<HTMLElement>(`[data-item-index="${currentIndex}"]`)
          : null);
      if (!section || !root.current?.contains(section)) return;
      const index = Number(section.dataset.itemIndex);
      if (/^[1-9]$/.test(e.key) && !typing) {
        const choices = section.querySelectorAll<HTMLInputElement>("input[type=radio], input[type=checkbox]");
        const choice = choices[Number(e.key) - 1];
        if (!choice || choice.disabled) return;
        e.preventDefault();
        choice.focus();
        choice.click();
      } else if (e.key === "Enter" && !e.shiftKey && !target?.matches("textarea, button, a, summary")) {
        e.preventDefault();
        onEnter(index);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [root, currentIndex, onEnter, disabled]);
}
