import type { Difficulty } from "@/lib/schemas/question";

const STYLE: Record<Difficulty, string> = {
  easy: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  medium: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  hard: "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
};

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  return <span className={`rounded px-1.5 text-sm ${STYLE[difficulty]}`}>{difficulty}</span>;
}
