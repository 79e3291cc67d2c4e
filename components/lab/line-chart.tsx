/**
 * A small SVG line chart (no chart library: a few lines of geometry are enough for per-epoch curves).
 * x is the epoch (1…n); each series is one line. The SVG is an image with a text summary; the legend is text.
 */
export interface LineSeries {
  name: string;
  values: readonly number[];
  /** Tailwind stroke classes (light and dark), e.g. "stroke-sky-700 dark:stroke-sky-300". */
  stroke: string;
  dashed?: boolean;
}

const W = 320;
const H = 150;
const PAD = { left: 40, right: 8, top: 8, bottom: 22 };

export function LineChart({
  title,
  series,
  xCount,
  yMin,
  yMax,
  format,
}: {
  title: string;
  series: readonly LineSeries[];
  /** Planned number of epochs, so the axis does not rescale as points arrive. */
  xCount: number;
  yMin?: number;
  yMax?: number;
  format: (y: number) => string;
}) {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = yMin ?? (all.length ? Math.min(...all) : 0);
  const hiRaw = yMax ?? (all.length ? Math.max(...all) : 1);
  const hi = hiRaw > lo ? hiRaw : lo + 1;
  const n = Math.max(xCount, 2);
  const x = (i: number) => PAD.left + (i / (n - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const summary = series
    .map((s) => `${s.name}: ${s.values.length ? format(s.values[s.values.length - 1] as number) : "no data"}`)
    .join("; ");
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`${title}, last epoch — ${summary}`}>
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-slate-200 dark:stroke-slate-800" />
            <text x={PAD.left - 4} y={y(v) + 3} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">
              {format(v)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} className="fill-slate-600 text-[9px] dark:fill-slate-400">
          epoch 1
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">
          {xCount}
        </text>
        {series.map((s) => (
          <polyline
            key={s.name}
            fill="none"
            strokeWidth={2}
            strokeDasharray={s.dashed ? "5 3" : undefined}
            className={s.stroke}
            points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(Math.min(hi, Math.max(lo, v))).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-4 text-xs">
        {series.map((s) => (
          <li key={s.name} className="flex items-center gap-1">
            <svg width="18" height="6" aria-hidden="true">
              <line x1="0" x2="18" y1="3" y2="3" strokeWidth={2} strokeDasharray={s.dashed ? "4 2" : undefined} className={s.stroke} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
