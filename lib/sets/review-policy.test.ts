import { describe, expect, it } from "vitest";
import { reviewVisibility, setPhase } from "./review-policy";
import { REVIEW_SHOWS, REVIEW_WHENS } from "@/lib/schemas/sets";

const CLOSE = "2026-12-10T12:00:00.000Z";
const before = new Date("2026-12-10T11:59:59Z");
const after = new Date("2026-12-10T12:00:00Z");

describe("review policy × phase", () => {
  const expected: Record<string, [string, string, string]> = {
    // show/when: [before submit, after submit (before close), after close]
    "none/on-submit": ["nothing", "nothing", "nothing"],
    "none/after-close": ["nothing", "nothing", "nothing"],
    "score/on-submit": ["nothing", "score", "score"],
    "score/after-close": ["nothing", "nothing", "score"],
    "score-rationales/on-submit": ["nothing", "full", "full"],
    "score-rationales/after-close": ["nothing", "nothing", "full"],
  };
  for (const show of REVIEW_SHOWS) {
    for (const when of REVIEW_WHENS) {
      it(`${show} / ${when}`, () => {
        const s = { review: { show, when }, closesAt: CLOSE };
        const got = [
          reviewVisibility(s, { status: "in_progress" }, before).show,
          reviewVisibility(s, { status: "submitted" }, before).show,
          reviewVisibility(s, { status: "submitted" }, after).show,
        ];
        expect(got).toEqual(expected[`${show}/${when}`]);
      });
    }
  }

  it("says when an after-close review opens", () => {
    expect(reviewVisibility({ review: { show: "score", when: "after-close" }, closesAt: CLOSE }, { status: "submitted" }, before)).toEqual({
      show: "nothing",
      reason: "until-close",
      availableAt: CLOSE,
    });
  });

  it("phases of the open/close window", () => {
    const s = { opensAt: "2026-12-01T00:00:00Z", closesAt: CLOSE };
    expect(setPhase(s, new Date("2026-11-30T23:59:59Z"))).toBe("not-open");
    expect(setPhase(s, before)).toBe("open");
    expect(setPhase(s, after)).toBe("closed");
    expect(setPhase({ opensAt: null, closesAt: null }, after)).toBe("open");
  });
});
