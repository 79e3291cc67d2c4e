/** A score for people: at most two decimals, no trailing zeros (7.5, 2.67, 12). */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}
