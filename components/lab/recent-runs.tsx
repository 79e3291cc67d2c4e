import type { LabRunDTO } from "@/server/data/lab-runs";
import { LAB_PRESET_TABLE } from "@/lib/lab/shared";
import { labHref } from "./lab-url";
import { pct } from "./format";

/** The signed-in user's recent lab jobs, each a link that reloads its settings. */
export function RecentLabRuns({ runs }: { runs: LabRunDTO[] }) {
  return (
    <section aria-labelledby="recent-runs-title" className="space-y-2">
      <h2 id="recent-runs-title" className="text-lg font-semibold">
        Your recent runs
      </h2>
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None yet: finished runs and sweeps appear here.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="recent-runs">
          {runs.map((r) => {
            const best = Math.max(...r.results.map((x) => x.testAccuracy ?? x.valAccuracy));
            return (
              <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                {/* A plain link: a full load gives the lab a fresh shell with these settings. */}
                <a href={labHref(r.settings, r.preset)} className="underline">
                  {r.preset ? LAB_PRESET_TABLE[r.preset].title : r.results.length > 1 ? "Freeze sweep" : `Run, k = ${r.settings.k}`}
                </a>
                <span className="text-slate-700 dark:text-slate-300">
                  {r.settings.base} base · n = {r.settings.n} · {r.settings.epochs} epochs · {r.backend} · best {pct(best)}
                  {r.calibration !== null && ` · calibration ${r.calibration.toFixed(0)}/100`} ·{" "}
                  <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
