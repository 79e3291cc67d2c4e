import type { AccuracyPoint } from "@/server/data/dashboard";

const W = 640;
const H = 200;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/**
 * Daily quiz accuracy (points scored / points possible) as a server-rendered SVG line chart: no script,
 * and a table of the same numbers for screen readers.
 */
export function AccuracyChart({ points }: { points: AccuracyPoint[] }) {
  const shown = points.filter((p) => p.max > 0);
  if (shown.length === 0) return <p className="text-slate-600 dark:text-slate-400">No quizzes submitted in the last 60 days yet.</p>;
  const t0 = Date.parse(`${shown[0]!.day}T00:00:00Z`);
  const t1 = Date.parse(`${shown.at(-1)!.day}T00:00:00Z`);
  const span = Math.max(1, t1 - t0);
  const x = (day: string) => PAD.left + ((Date.parse(`${day}T00:00:00Z`) - t0) / span) * (W - PAD.left - PAD.right);
  const y = (acc: number) => PAD.top + (1 - acc) * (H - PAD.top - PAD.bottom);
  const acc = (p: AccuracyPoint) => p.score / p.max;
  const path = shown.map((p, i) => `${i ? "L" : "M"}${x(p.day).toFixed(1)},${y(acc(p)).toFixed(1)}`).join(" ");
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="accuracy-title"
        className="w-full max-w-2xl text-slate-700 dark:text-slate-300"
      >
        <title id="accuracy-title">
          Quiz accuracy per day, {shown[0]!.day} to {shown.at(-1)!.day}
        </title>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="currentColor" strokeOpacity={0.2} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="currentColor">
              {v * 100}%
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 8} fontSize={11} fill="currentColor">
          {shown[0]!.day}
        </text>
        <text x={W - PAD.right} y={H - 8} fontSize={11} textAnchor="end" fill="currentColor">
          {shown.at(-1)!.day}
        </text>
        <path d={path} fill="none" strokeWidth={2} className="stroke-brand-600 dark:stroke-brand-300" />
        {shown.map((p) => (
          <circle key={p.day} cx={x(p.day)} cy={y(acc(p))} r={3} className="fill-brand-600 dark:fill-brand-300" />
        ))}
      </svg>
      <details>
        <summary className="cursor-pointer text-sm">The numbers</summary>
        <table className="mt-2 text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="pr-4">
                Day (UTC)
              </th>
              <th scope="col" className="pr-4">
                Accuracy
              </th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.day}>
                <td className="pr-4">{p.day}</td>
                <td className="pr-4">{Math.round(acc(p) * 100)}%</td>
                <td>{p.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
