import type { RunResult } from "@/lib/lab/shared";
import { count, flopsText, msText, pct, planKey, planLabel, planShort } from "./format";

const W = 360;
const H = 220;
const PAD = { left: 44, right: 14, top: 10, bottom: 34 };
type Style = "scratch" | "frozen" | "cached" | "schedule";
const styleOf = (r: RunResult): Style => (r.schedule !== "fixed" ? "schedule" : r.frozen === null ? "scratch" : r.cached ? "cached" : "frozen");
const STYLE_NAME: Record<Style, string> = {
  scratch: "from scratch",
  frozen: "fixed k = 0…3",
  cached: "fixed k + cached",
  schedule: "schedule (gradual, LP-FT)",
};

function Marker({ style, x, y }: { style: Style; x: number; y: number }) {
  if (style === "scratch") return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} className="fill-slate-600 dark:fill-slate-300" />;
  if (style === "schedule") return <path d={`M${x},${y - 6} L${x + 5.5},${y + 4} L${x - 5.5},${y + 4} Z`} className="fill-violet-700 dark:fill-violet-300" />;
  if (style === "cached") return <path d={`M${x},${y - 6} L${x + 6},${y} L${x},${y + 6} L${x - 6},${y} Z`} className="fill-none stroke-orange-700 dark:stroke-orange-300" strokeWidth={2} />;
  return <circle cx={x} cy={y} r={5} className="fill-sky-700 dark:fill-sky-300" />;
}

/** Runs no other run beats on both cost and accuracy, cheapest first. */
export function paretoFront(runs: readonly RunResult[]): RunResult[] {
  const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs || b.testAccuracy - a.testAccuracy);
  const front: RunResult[] = [];
  for (const r of sorted) if (front.length === 0 || r.testAccuracy > (front[front.length - 1] as RunResult).testAccuracy) front.push(r);
  return front;
}

/**
 * Point labels that do not sit on each other: runs often land on the same spot (k = 1 and k = 1 cached
 * have the same accuracy), so a label that would overlap an earlier one moves down a line. Labels near the
 * right edge are right-aligned so they are not clipped.
 */
function placeLabels(points: { text: string; x: number; y: number }[]) {
  const placed: { text: string; x: number; y: number; anchor: "start" | "end" }[] = [];
  for (const p of [...points].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const anchor = p.x > W * 0.7 ? "end" : "start";
    const lx = anchor === "end" ? p.x - 8 : p.x + 8;
    let ly = p.y - 6;
    while (placed.some((q) => Math.abs(q.y - ly) < 10 && Math.abs(q.x - lx) < 34)) ly += 10;
    placed.push({ text: p.text, x: lx, y: ly, anchor });
  }
  return placed;
}

/** The freeze sweep as accuracy against measured training time, with the Pareto front and a table of every number. */
export function SweepChart({ runs }: { runs: readonly RunResult[] }) {
  if (runs.length === 0) return null;
  const maxMs = Math.max(...runs.map((r) => r.totalMs)) * 1.08 || 1;
  const accs = runs.map((r) => r.testAccuracy);
  const lo = Math.max(0, Math.floor((Math.min(...accs) - 0.05) * 10) / 10);
  const hi = Math.min(1, Math.ceil((Math.max(...accs) + 0.02) * 10) / 10);
  const x = (ms: number) => PAD.left + (ms / maxMs) * (W - PAD.left - PAD.right);
  const y = (a: number) => PAD.top + (1 - (a - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const front = paretoFront(runs);
  const styles = [...new Set(runs.map(styleOf))];
  return (
    <section aria-labelledby="sweep-title" className="space-y-3">
      <h3 id="sweep-title" className="font-semibold">
        Freeze sweep: test accuracy against training time
      </h3>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-xl" role="img" aria-label="Pareto chart of the sweep; the table below lists the same numbers">
        {[lo, (lo + hi) / 2, hi].map((a) => (
          <g key={a}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(a)} y2={y(a)} className="stroke-slate-200 dark:stroke-slate-800" />
            <text x={PAD.left - 4} y={y(a) + 3} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">{pct(a)}</text>
          </g>
        ))}
        <text x={PAD.left} y={H - 18} className="fill-slate-600 text-[9px] dark:fill-slate-400">0</text>
        <text x={W - PAD.right} y={H - 18} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">{msText(maxMs)}</text>
        <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle" className="fill-slate-700 text-[10px] dark:fill-slate-300">total training time (measured) →</text>
        <polyline
          fill="none"
          strokeDasharray="3 3"
          className="stroke-emerald-700 dark:stroke-emerald-400"
          points={front.map((r) => `${x(r.totalMs).toFixed(1)},${y(r.testAccuracy).toFixed(1)}`).join(" ")}
        />
        {runs.map((r) => (
          <Marker key={planKey(r)} style={styleOf(r)} x={x(r.totalMs)} y={y(r.testAccuracy)} />
        ))}
        {placeLabels(runs.map((r) => ({ text: planShort(r), x: x(r.totalMs), y: y(r.testAccuracy) }))).map((l) => (
          <text key={l.text} x={l.x} y={l.y} textAnchor={l.anchor} className="fill-slate-800 text-[9px] dark:fill-slate-200">
            {l.text}
          </text>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-4 text-xs" aria-label="Legend">
        {styles.map((s) => (
          <li key={s} className="flex items-center gap-1">
            <svg width="14" height="14" aria-hidden="true"><Marker style={s} x={7} y={7} /></svg>
            {STYLE_NAME[s]}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <svg width="18" height="6" aria-hidden="true"><line x1="0" x2="18" y1="3" y2="3" strokeDasharray="3 3" className="stroke-emerald-700 dark:stroke-emerald-400" /></svg>
          Pareto front (nothing is both cheaper and more accurate)
        </li>
      </ul>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Every run of the sweep</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              {["Run", "Trainable", "Frozen", "FLOPs/sample/step", "ms/epoch", "Total", "Train acc.", "Val. acc.", "Test acc."].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={planKey(r)} className="border-b border-slate-200 font-mono tabular-nums dark:border-slate-800">
                <th scope="row" className="px-2 py-1 text-left font-sans font-normal">{planLabel(r)}</th>
                <td className="px-2 py-1">{count(r.trainableParams)}</td>
                <td className="px-2 py-1">{count(r.frozenParams)}</td>
                <td className="px-2 py-1">{flopsText(r.trainFlopsPerSample)}</td>
                <td className="px-2 py-1">{msText(r.msPerEpoch)}</td>
                <td className="px-2 py-1">{msText(r.totalMs)}</td>
                <td className="px-2 py-1">{pct(r.trainAccuracy)}</td>
                <td className="px-2 py-1">{pct(r.valAccuracy)}</td>
                <td className="px-2 py-1">{pct(r.testAccuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
