import Link from "next/link";
import { getAllQuestions } from "@/server/content";
import { findQuestions, suggestSearchTerms } from "@/server/search";
import type { QuestionFilters } from "@/lib/content/filters";
import { DIFFICULTIES, ROLES, TOPICS } from "@/lib/schemas/question";
import { DifficultyBadge } from "@/components/questions/difficulty-badge";
import { Highlighted } from "@/components/questions/highlighted";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

/** The /questions list: facet filters and ranked, typo-tolerant search. A plain GET form, so it works without JavaScript. */
export function QuestionBrowser({ filters }: { filters: QuestionFilters }) {
  const all = getAllQuestions();
  const rows = findQuestions(filters);
  const tags = [...new Set(all.flatMap((q) => q.tags))].sort();
  const suggestions = filters.q && rows.length === 0 ? suggestSearchTerms(filters.q) : [];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Questions</h1>
      <form role="search" method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Search and filter questions">
        <label className="flex flex-col gap-1 text-sm lg:col-span-2">
          Search
          <input
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="e.g. fine-tuning learning rate"
            className={selectClass}
          />
        </label>
        <FilterSelect label="Topic" name="topic" value={filters.topic} any="All topics" options={Object.entries(TOPICS)} />
        <FilterSelect label="Tag" name="tag" value={filters.tag} any="All tags" options={tags.map((t) => [t, t])} />
        <FilterSelect label="Difficulty" name="difficulty" value={filters.difficulty} any="Any" options={DIFFICULTIES.map((d) => [d, d])} />
        <FilterSelect label="Role" name="role" value={filters.role} any="Any role" options={Object.entries(ROLES)} />
        <div className="flex gap-3 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-600">
            Apply
          </button>
          <Link href="/questions" className="self-center text-sm underline">
            Clear
          </Link>
        </div>
      </form>

      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {rows.length} question{rows.length === 1 ? "" : "s"}
        {filters.q ? ` matching “${filters.q}”` : ""}
      </p>
      {suggestions.length > 0 && (
        <p data-testid="search-suggestions">
          Did you mean{" "}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 && (i === suggestions.length - 1 ? " or " : ", ")}
              <Link
                href={`/questions?${new URLSearchParams({ ...queryOf(filters), q: s })}`}
                className="font-medium text-brand-700 underline dark:text-brand-300"
              >
                {s}
              </Link>
            </span>
          ))}
          ?
        </p>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {rows.map(({ question: q, terms }) => (
          <li key={q.slug} className="py-4">
            <Link href={`/questions/${q.slug}`} className="text-lg font-medium text-brand-700 hover:underline dark:text-brand-300">
              <Highlighted text={q.title} terms={terms} />
            </Link>
            <p className="mt-1 text-slate-700 dark:text-slate-300">
              <Highlighted text={q.question} terms={terms} />
            </p>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              <DifficultyBadge difficulty={q.difficulty} />
              <span>{TOPICS[q.topic]}</span>
              <span aria-hidden="true">·</span>
              <span>{ROLES[q.role]}</span>
              {q.answerSource === "official" && (
                <span className="rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">official answer</span>
              )}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One facet of the filter form: a labelled select whose empty value means "any". */
function FilterSelect({
  label,
  name,
  value,
  any,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  any: string;
  options: [string, string][];
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">{any}</option>
        {options.map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The active filters as query parameters (so a suggestion keeps them). */
function queryOf(filters: QuestionFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
