import type { SetSettings } from "@/lib/schemas/sets";

/**
 * What a candidate may see of their own attempt in a set, from the set's review policy and the phase:
 * nothing before submitting; after it, per `review.show`, and only once `review.when` is reached
 * (on submit, or after the close date). The server decides this; the page only renders what it gets.
 */
export type ReviewVisibility =
  | { show: "nothing"; reason: "in-progress" | "policy" }
  | { show: "nothing"; reason: "until-close"; availableAt: string }
  | { show: "score" }
  | { show: "full" };

export function reviewVisibility(
  settings: Pick<SetSettings, "review" | "closesAt">,
  attempt: { status: "in_progress" | "submitted" },
  now: Date,
): ReviewVisibility {
  if (attempt.status !== "submitted") return { show: "nothing", reason: "in-progress" };
  if (settings.review.show === "none") return { show: "nothing", reason: "policy" };
  if (settings.review.when === "after-close") {
    // The schema requires a close date for this policy; without one (never valid) nothing opens.
    if (!settings.closesAt) return { show: "nothing", reason: "policy" };
    if (now.getTime() < Date.parse(settings.closesAt)) return { show: "nothing", reason: "until-close", availableAt: settings.closesAt };
  }
  return settings.review.show === "score" ? { show: "score" } : { show: "full" };
}

/** Whether a set takes attempts now: after its open date, before its close date. */
export function setPhase(settings: Pick<SetSettings, "opensAt" | "closesAt">, now: Date): "not-open" | "open" | "closed" {
  if (settings.opensAt && now.getTime() < Date.parse(settings.opensAt)) return "not-open";
  if (settings.closesAt && now.getTime() >= Date.parse(settings.closesAt)) return "closed";
  return "open";
}
