"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { SetItem, SetSettings } from "@/lib/schemas/sets";
import type { ConversionReport } from "@/lib/sets/report";
import type { QuizItem } from "@/lib/schemas/quiz";
import {
  bankPickAction,
  createSetAction,
  parseItemsAction,
  searchBankAction,
  updateSetAction,
  type BankSearchHit,
} from "@/server/actions/sets";
import { ItemForm, draftOf, emptyDraft } from "./item-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { btnPrimary, btnQuiet, btnSecondary, muted } from "@/components/ui/styles";

const field = "rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";
const EXAMPLE =
  "## single my-first-item\nWhich option is right?\n\n- [x] This one\n  > Why it is right.\n- [ ] That one\n  > Why it is wrong.";

/** datetime-local (the owner's clock) ⇄ ISO instants (stored). */
const toLocal = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null);

/** A fresh item id not used in the set yet. */
function freshId(items: SetItem[]): string {
  const used = new Set(items.map((i) => i.item.id));
  let n = items.length + 1;
  while (used.has(`item-${n}`)) n++;
  return `item-${n}`;
}

/**
 * Build or edit a set: items found in the bank (whole questions or single items), written in a form per item
 * type or in Layerwise Markdown (validated by the quiz schemas, again on the server), reordered with buttons,
 * and the settings candidates cannot change. Saving sends everything at once.
 */
export function SetEditor({
  setId,
  initial,
}: {
  setId: string | null;
  initial: { title: string; items: SetItem[]; settings: SetSettings };
}) {
  const router = useRouter();
  const [title, setTitle] = useState(initial.title);
  const [items, setItems] = useState<SetItem[]>(initial.items);
  const [settings, setSettings] = useState<SetSettings>(initial.settings);
  const [markdown, setMarkdown] = useState("");
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<BankSearchHit[] | null>(null);
  /** The item being written or edited in the form: its index, or "new". */
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [report, setReport] = useState<ConversionReport | null>(null);
  const [saved, setSaved] = useState("");
  const parse = useServerAction(parseItemsAction);
  const fromBank = useServerAction(bankPickAction);
  const searchBank = useServerAction(searchBankAction);
  const pick = (slug: string, itemId?: string) =>
    fromBank.run(itemId ? { slug, itemId } : { slug }, {
      onSuccess: (picked) => {
        const used = new Set(items.map((i) => i.item.id));
        // The server makes ids unique again on save; here too, so the list's keys and "Edit" stay apart.
        setItems([
          ...items,
          ...picked.map((p) => {
            let id = p.item.id;
            for (let n = 2; used.has(id); n++) id = `${p.item.id}-${n}`;
            used.add(id);
            return { ...p, item: { ...p.item, id } };
          }),
        ]);
      },
    });
  const saveItem = (item: QuizItem) => {
    // Written or edited here: the owner's own item (an edited bank copy no longer is the bank's; GIFT extras are dropped).
    const next: SetItem = { item, origin: { kind: "custom" } };
    setItems(editing === "new" || editing === null ? [...items, next] : items.map((x, j) => (j === editing ? next : x)));
    setEditing(null);
  };
  const save = useServerAction(setId ? updateSetAction : createSetAction);

  const move = (i: number, by: number) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    next.splice(i + by, 0, it!);
    setItems(next);
    // The item open in the form moves with its row.
    if (editing === i) setEditing(i + by);
    else if (editing === i + by) setEditing(i);
  };
  const set = <K extends keyof SetSettings>(k: K, v: SetSettings[K]) => setSettings({ ...settings, [k]: v });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved("");
    const input = { title, items, settings };
    save.run(setId ? { id: setId, ...input } : input, {
      onSuccess: (data) => {
        setSaved("Saved.");
        if (!setId) router.push(`/sets/${(data as { id: string }).id}`);
        else router.refresh();
      },
      onFailure: (f) =>
        f.fieldErrors
          ? `${f.error} ${Object.entries(f.fieldErrors)
              .map(([k, v]) => `${k}: ${v}`)
              .join("; ")}`
          : undefined,
    });
  }

  return (
    <form onSubmit={submit} className="space-y-8" aria-label={setId ? "Edit the set" : "New set"}>
      <label className="block space-y-1">
        <span className="block font-medium">Title</span>
        <input className={`${field} w-full`} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>

      <section aria-labelledby="items-h" className="space-y-3">
        <h2 id="items-h" className="text-xl font-semibold">
          Items ({items.length})
        </h2>
        {items.length === 0 && <p className={muted}>No items yet: add some from the bank or write them below.</p>}
        <ol className="space-y-2">
          {items.map((s, i) => (
            <li
              key={`${s.item.id}-${i}`}
              className="flex flex-wrap items-center gap-2 rounded border border-slate-300 p-2 dark:border-slate-700"
            >
              <span className="font-mono text-sm">{i + 1}.</span>
              <span className="rounded bg-slate-100 px-1 text-sm dark:bg-slate-800">{s.item.type}</span>
              <span className="min-w-0 flex-1 truncate">{s.item.prompt.slice(0, 140)}</span>
              <span className={`text-sm ${muted}`}>{s.origin.kind === "bank" ? `bank: ${s.origin.slug}` : s.origin.kind}</span>
              <button
                type="button"
                className={btnQuiet}
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={`Move item ${i + 1} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className={btnQuiet}
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`Move item ${i + 1} down`}
              >
                ↓
              </button>
              <button type="button" className={btnQuiet} onClick={() => setEditing(i)} aria-label={`Edit item ${i + 1}`}>
                Edit
              </button>
              <button
                type="button"
                className={btnQuiet}
                onClick={() => {
                  setItems(items.filter((_, j) => j !== i));
                  if (editing !== "new") setEditing(null);
                }}
                aria-label={`Remove item ${i + 1}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>

        {editing !== null && (
          <ItemForm
            key={editing === "new" ? `new-${items.length}` : `edit-${editing}`}
            heading={editing === "new" ? "New item" : `Edit item ${editing + 1}`}
            initial={editing === "new" ? emptyDraft(freshId(items)) : draftOf(items[editing]!.item)}
            onDone={saveItem}
            onCancel={() => setEditing(null)}
          />
        )}
        {editing === null && (
          <button type="button" className={btnSecondary} onClick={() => setEditing("new")}>
            Write an item in a form
          </button>
        )}

        <div className="space-y-2">
          <div className="flex flex-wrap items-end gap-2">
            <label className="space-y-1">
              <span className="block font-medium">Search the bank</span>
              <input
                className={field}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    if (query.trim()) searchBank.run({ q: query }, { onSuccess: setHits });
                  }
                }}
              />
            </label>
            <button
              type="button"
              className={btnSecondary}
              disabled={searchBank.pending || !query.trim()}
              onClick={() => searchBank.run({ q: query }, { onSuccess: setHits })}
            >
              Search
            </button>
          </div>
          {hits && (
            <div role="status" aria-live="polite">
              {hits.length === 0 ? (
                <p className={muted}>No question with quiz items matches.</p>
              ) : (
                <ul className="space-y-2" aria-label="Bank search results">
                  {hits.map((h) => (
                    <li key={h.slug} className="rounded border border-slate-300 p-2 dark:border-slate-700">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium">{h.title}</span>
                        <button type="button" className={btnQuiet} disabled={fromBank.pending} onClick={() => pick(h.slug)}>
                          Add all {h.items.length} items of “{h.title}”
                        </button>
                      </div>
                      <ul className="mt-1 space-y-1 pl-4">
                        {h.items.map((it) => (
                          <li key={it.id} className="flex flex-wrap items-center gap-2 text-sm">
                            <span className="rounded bg-slate-100 px-1 dark:bg-slate-800">{it.type}</span>
                            <span className="min-w-0 flex-1 truncate">{it.prompt}</span>
                            <button
                              type="button"
                              className={btnQuiet}
                              disabled={fromBank.pending}
                              onClick={() => pick(h.slug, it.id)}
                              aria-label={`Add the item “${it.prompt.slice(0, 60)}” of ${h.title}`}
                            >
                              Add this item
                            </button>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {(fromBank.error || searchBank.error) && (
            <p role="alert" className="text-rose-700 dark:text-rose-300">
              {fromBank.error || searchBank.error}
            </p>
          )}
        </div>

        <label className="block space-y-1">
          <span className="block font-medium">Write items in Layerwise Markdown</span>
          <textarea
            className={`${field} h-48 w-full font-mono text-sm`}
            value={markdown}
            onChange={(e) => setMarkdown(e.target.value)}
            placeholder={EXAMPLE}
          />
        </label>
        <button
          type="button"
          className={btnSecondary}
          disabled={parse.pending || !markdown.trim()}
          onClick={() =>
            parse.run(
              { markdown },
              {
                onSuccess: (r) => {
                  setItems([...items, ...r.items]);
                  setReport(r.report);
                  if (r.report.entries.length === 0) setMarkdown("");
                },
              },
            )
          }
        >
          Add these items
        </button>
        {parse.error && (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {parse.error}
          </p>
        )}
        {report && (
          <div role="status" className="text-sm">
            <p>{report.converted} item(s) added.</p>
            {report.entries.length > 0 && (
              <ul className="list-disc pl-6">
                {report.entries.map((e, i) => (
                  <li key={i}>
                    Line {e.line}
                    {e.title ? ` (${e.title})` : ""}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <fieldset className="space-y-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
        <legend className="px-1 text-xl font-semibold">Settings (candidates cannot change them)</legend>
        <label className="block space-y-1">
          <span className="block font-medium">Time limit in minutes (empty: none)</span>
          <input
            className={field}
            type="number"
            min={1}
            max={1440}
            value={settings.timeLimitMinutes ?? ""}
            onChange={(e) => set("timeLimitMinutes", e.target.value ? Number(e.target.value) : null)}
          />
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">After submitting, the candidate sees</span>
          <select
            className={field}
            value={settings.review.show}
            onChange={(e) => set("review", { ...settings.review, show: e.target.value as SetSettings["review"]["show"] })}
          >
            <option value="none">nothing</option>
            <option value="score">the score only</option>
            <option value="score-rationales">the score, the key and the rationales</option>
          </select>
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">From</span>
          <select
            className={field}
            value={settings.review.when}
            onChange={(e) => set("review", { ...settings.review, when: e.target.value as SetSettings["review"]["when"] })}
          >
            <option value="on-submit">when they submit</option>
            <option value="after-close">after the close date</option>
          </select>
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Attempts allowed</span>
          <input
            className={field}
            type="number"
            min={1}
            max={100}
            required
            value={settings.attemptsAllowed}
            onChange={(e) => set("attemptsAllowed", Number(e.target.value))}
          />
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Opens (empty: now)</span>
          <input
            className={field}
            type="datetime-local"
            value={toLocal(settings.opensAt)}
            onChange={(e) => set("opensAt", fromLocal(e.target.value))}
          />
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Closes (empty: never)</span>
          <input
            className={field}
            type="datetime-local"
            value={toLocal(settings.closesAt)}
            onChange={(e) => set("closesAt", fromLocal(e.target.value))}
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={settings.accountRequired} onChange={(e) => set("accountRequired", e.target.checked)} />
          <span>Candidates must sign in</span>
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Item order (options are always shuffled)</span>
          <select className={field} value={settings.order} onChange={(e) => set("order", e.target.value as SetSettings["order"])}>
            <option value="fixed">as listed</option>
            <option value="shuffled">shuffled per candidate</option>
          </select>
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Intro (Markdown, shown before the start)</span>
          <textarea
            className={`${field} h-24 w-full`}
            value={settings.intro}
            onChange={(e) => set("intro", e.target.value)}
            maxLength={20_000}
          />
        </label>
        <label className="block space-y-1">
          <span className="block font-medium">Open-book note (Markdown; empty: none)</span>
          <textarea
            className={`${field} h-16 w-full`}
            value={settings.openBookNote}
            onChange={(e) => set("openBookNote", e.target.value)}
            maxLength={5_000}
          />
        </label>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={btnPrimary} disabled={save.pending || items.length === 0}>
          {setId ? "Save changes" : "Create the set"}
        </button>
        {saved && <p role="status">{saved}</p>}
        {save.error && (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {save.error}
          </p>
        )}
      </div>
    </form>
  );
}
