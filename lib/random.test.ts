import { expect, it } from "vitest";
import { mulberry32, shuffleWith } from "./random";

// Golden values: stored attempts and the shipped lab models depend on these exact sequences.
it("mulberry32 and the shuffle never change their output", () => {
  const r = mulberry32(1);
  expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  expect(shuffleWith([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], mulberry32(42))).toEqual([0, 7, 3, 5, 2, 1, 8, 9, 4, 6]);
});
