import type { LabPrediction, PredictionScore } from "@/lib/lab/calibration";
import { pct } from "./format";

const runName = (k: number | null) => (k === null ? "from scratch" : `k = ${k}`);

/** Prediction against measurement, part by part, and the calibration score (formula: lib/lab/calibration.ts). */
export function PredictionResult({ prediction, score }: { prediction: LabPrediction; score: PredictionScore }) {
  const rows: [string, string, string, number][] = [
    ["Epoch speed-up, k = 3 vs k = 0", `${prediction.speedupK3.toFixed(1)}×`, `${score.actual.speedupK3.toFixed(1)}×`, score.parts.speedup],
    ["Best run", runName(prediction.bestFrozen), runName(score.actual.bestFrozen), score.parts.best],
    ["Its test accuracy", pct(prediction.bestAccuracy), pct(score.actual.bestAccuracy), score.parts.accuracy],
  ];
  return (
    <section aria-labelledby="prediction-title" className="space-y-2">
      <h3 id="prediction-title" className="font-semibold">
        Your prediction against the result — calibration <span data-testid="calibration">{score.calibration.toFixed(0)}</span>/100
      </h3>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left dark:border-slate-700">
            <th scope="col" className="px-2 py-1">
              Question
            </th>
            <th scope="col" className="px-2 py-1">
              You said
            </th>
            <th scope="col" className="px-2 py-1">
              Measured
            </th>
            <th scope="col" className="px-2 py-1">
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([q, said, got, s]) => (
            <tr key={q} className="border-b border-slate-200 dark:border-slate-800">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {q}
              </th>
              <td className="px-2 py-1">{said}</td>
              <td className="px-2 py-1">{got}</td>
              <td className="px-2 py-1 tabular-nums">{s.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Score per part: speed-up 1 − |log₂(said ÷ measured)| ÷ 2; best run 1 or 0; accuracy 1 − |said − measured| ÷ 20 points; each floored
        at 0. Calibration is their mean × 100.
      </p>
    </section>
  );
}
