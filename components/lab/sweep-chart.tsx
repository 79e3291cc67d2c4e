import type { RunResult } from "@/lib/lab/shared";
import { count, flopsText, msText, pct, planKey, planLabel, planShort } from "./format";
import { layoutLabels } from "./label-layout";

const W = 360;
const H = 220;
const PAD = { left: 48, right: 14, top: 10, bottom: 36 };
/** Label font (px in the viewBox) and its glyph width, for the layout. */
const LABEL_FONT = 9;
type Style = "scratch" | "frozen" | "cached" | "schedule";
const styleOf = (r: RunResult): Style =>
  r.schedule !== "fixed" ? "schedule" : r.frozen === null ? "scratch" : r.cached ? "cached" : "frozen";
const STYLE_NAME: Record<Style, string> = {
  scratch: "from scratch",
  frozen: "fixed k = 0…3",
  cached: "fixed k + cached",
  schedule: "schedule (gradual, LP-FT)",
};

function Marker({ style, x, y }: { style: Style; x: number; y: number }) {
  if (style === "scratch") return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} className="fill-slate-600 dark:fill-slate-300" />;
  if (style === "schedule")
    return <path d={`M${x},${y - 6} L${x + 5.5},${y + 4} L${x - 5.5},${y + 4} Z`} className="fill-violet-700 dark:fill-violet-300" />;
  if (style === "cached")
    return (
      <path
        d={`M${x},${y - 6} L${x + 6},${y} L${x},${y + 6} L${x - 6},${y} Z`}
        className="fill-none stroke-orange-700 dark:stroke-orange-300"
        strokeWidth={2}
      />
    );
  return <circle cx={x} cy={y} r={5} className="fill-sky-700 dark:fill-sky-300" />;
}

/** Runs no other run beats on both cost and accuracy, cheapest first. */
export function paretoFront(runs: readonly RunResult[]): RunResult[] {
  const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs || b.testAccuracy - a.testAccuracy);
  const front: RunResult[] = [];
  for (const r of sorted) if (front.length === 0 || r.testAccuracy > (front[front.length - 1] as RunResult).testAccuracy) front.push(r);
  return front;
}

const range = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/**
 * The freeze sweep as test accuracy against measured training time, with the Pareto front and a table of
 * every number. A sweep repeated over seeds draws each run at its means with bars spanning the seeds' range.
 */
export function SweepChart({ runs }: { runs: readonly RunResult[] }) {
  if (runs.length === 0) return null;
  const msRange = (r: RunResult) => (r.repeats ? range(r.repeats.map((x) => x.totalMs)) : ([r.totalMs, r.totalMs] as [number, number]));
  const accRange = (r: RunResult) =>
    r.repeats ? range(r.repeats.map((x) => x.testAccuracy)) : ([r.testAccuracy, r.testAccuracy] as [number, number]);
  const maxMs = Math.max(...runs.map((r) => msRange(r)[1])) * 1.08 || 1;
  const accs = runs.flatMap((r) => accRange(r));
  const lo = Math.max(0, Math.floor((Math.min(...accs) - 0.05) * 10) / 10);
  const hi = Math.min(1, Math.ceil((Math.max(...accs) + 0.02) * 10) / 10);
  const x = (ms: number) => PAD.left + (ms / maxMs) * (W - PAD.left - PAD.right);
  const y = (a: number) => PAD.top + (1 - (a - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const front = paretoFront(runs);
  const styles = [...new Set(runs.map(styleOf))];
  const seeds = runs[0]?.repeats?.map((x) => x.seed);
  const labels = layoutLabels(
    runs.map((r) => ({ text: planShort(r), x: x(r.totalMs), y: y(r.testAccuracy) })),
    { width: W - PAD.right + 10, height: H - PAD.bottom + 4, charWidth: LABEL_FONT * 0.6, lineHeight: LABEL_FONT + 2, markerRadius: 6 },
  );
  return (
    <section aria-labelledby="sweep-title" className="space-y-3">
      <h3 id="sweep-title" className="font-semibold">
        Freeze sweep: test accuracy against training time{seeds ? ` (means over seeds ${seeds.join(", ")}; bars: range)` : ""}
      </h3>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full max-w-xl"
        role="img"
        aria-label="Pareto chart of the sweep; the table below lists the same numbers"
      >
        {[lo, (lo + hi) / 2, hi].map((a) => (
          <g key={a}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(a)} y2={y(a)} className="stroke-slate-200 dark:stroke-slate-800" />
            <text x={PAD.left - 4} y={y(a) + 3} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">
              {pct(a)}
            </text>
          </g>
        ))}
        {[0, 0.5, 1].map((f) => (
          <text
            key={f}
            x={x(f * maxMs)}
            y={H - 22}
            textAnchor={f === 0 ? "start" : f === 1 ? "end" : "middle"}
            className="fill-slate-600 text-[9px] dark:fill-slate-400"
          >
            {f === 0 ? "0" : msText(f * maxMs)}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle" className="fill-slate-700 text-[10px] dark:fill-slate-300">
          total training time (measured) →
        </text>
        <text
          x={10}
          y={(H - PAD.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 10 ${(H - PAD.bottom) / 2})`}
          className="fill-slate-700 text-[10px] dark:fill-slate-300"
        >
          test accuracy →
        </text>
        {runs
          .filter((r) => r.repeats)
          .map((r) => {
            const [a0, a1] = accRange(r);
            const [m0, m1] = msRange(r);
            return (
              <g key={`spread-${planKey(r)}`} className="stroke-slate-500 dark:stroke-slate-400" strokeWidth={1}>
                <line x1={x(r.totalMs)} x2={x(r.totalMs)} y1={y(a0)} y2={y(a1)} />
                <line x1={x(m0)} x2={x(m1)} y1={y(r.testAccuracy)} y2={y(r.testAccuracy)} />
              </g>
            );
          })}
        <polyline
          fill="none"
          strokeDasharray="3 3"
          className="stroke-emerald-700 dark:stroke-emerald-400"
          points={front.map((r) => `${x(r.totalMs).toFixed(1)},${y(r.testAccuracy).toFixed(1)}`).join(" ")}
        />
        {runs.map((r) => (
          <Marker key={planKey(r)} style={styleOf(r)} x={x(r.totalMs)} y={y(r.testAccuracy)} />
        ))}
        {labels.placed.map((l) => (
          <text key={l.text} x={l.x} y={l.y} className="fill-slate-800 text-[9px] dark:fill-slate-200">
            {l.text}
          </text>
        ))}
      </svg>
      {labels.dropped.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          No room to label {labels.dropped.join(", ")} on the chart; the table lists every run.
        </p>
      )}
      <ul className="flex flex-wrap gap-x-4 text-xs" aria-label="Legend">
        {styles.map((s) => (
          <li key={s} className="flex items-center gap-1">
            <svg width="14" height="14" aria-hidden="true">
              <Marker style={s} x={7} y={7} />
            </svg>
            {STYLE_NAME[s]}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <svg width="18" height="6" aria-hidden="true">
            <line x1="0" x2="18" y1="3" y2="3" strokeDasharray="3 3" className="stroke-emerald-700 dark:stroke-emerald-400" />
          </svg>
          Pareto front (nothing is both cheaper and more accurate)
        </li>
        <li>Short names: scratch, k0…k3 (fixed k), k1c…k3c (cached), grad (gradual unfreezing), lpft (LP-FT)</li>
      </ul>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Every run of the sweep</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              {["Run", "Trainable", "Frozen", "FLOPs/sample/step", "ms/epoch", "Total", "Train acc.", "Val. acc.", "Test acc."].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={planKey(r)} className="border-b border-slate-200 font-mono tabular-nums dark:border-slate-800">
                <th scope="row" className="px-2 py-1 text-left font-sans font-normal">
                  {planLabel(r)}
                </th>
                <td className="px-2 py-1">{count(r.trainableParams)}</td>
                <td className="px-2 py-1">{count(r.frozenParams)}</td>
                <td className="px-2 py-1">{flopsText(r.trainFlopsPerSample)}</td>
                <td className="px-2 py-1">{msText(r.msPerEpoch)}</td>
                <td className="px-2 py-1">{msText(r.totalMs)}</td>
                <td className="px-2 py-1">{pct(r.trainAccuracy)}</td>
                <td className="px-2 py-1">{pct(r.valAccuracy)}</td>
                <td className="px-2 py-1">
                  {pct(r.testAccuracy)}
                  {r.repeats && ` (${pct(accRange(r)[0])}–${pct(accRange(r)[1])})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
