import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutLabels, type Box } from "./label-layout";

const options = { width: 360, height: 220, charWidth: 5.4, lineHeight: 11, markerRadius: 6 };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe("chart label layout", () => {
  it("never overlaps two labels, never covers a point, never leaves the plot — for any points", () => {
    const point = fc.record({
      text: fc.constantFrom("scratch", "k0", "k1", "k2", "k3", "k1c", "k2c", "k3c", "grad", "lpft"),
      x: fc.double({ min: 40, max: 350, noNaN: true }),
      y: fc.double({ min: 10, max: 190, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 10 }), (points) => {
        const { placed, dropped } = layoutLabels(points, options);
        expect(placed.length + dropped.length).toBe(points.length);
        placed.forEach((a, i) => {
          expect(a.box.x0).toBeGreaterThanOrEqual(0);
          expect(a.box.x1).toBeLessThanOrEqual(options.width);
          for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
          for (const p of points) {
            const marker = { x0: p.x - 6, y0: p.y - 6, x1: p.x + 6, y1: p.y + 6 };
            expect(overlaps(a.box, marker)).toBe(false);
          }
        });
      }),
    );
  });

  it("labels every point of a typical sweep, even when runs land on the same spot (k and k cached)", () => {
    const same = [
      { text: "k1", x: 200, y: 60 },
      { text: "k1c", x: 200, y: 60 },
      { text: "k2", x: 120, y: 62 },
      { text: "k2c", x: 118, y: 62 },
      { text: "k3", x: 90, y: 150 },
      { text: "k3c", x: 60, y: 150 },
      { text: "scratch", x: 330, y: 80 },
      { text: "k0", x: 320, y: 70 },
      { text: "grad", x: 210, y: 58 },
      { text: "lpft", x: 260, y: 66 },
    ];
    expect(layoutLabels(same, options).dropped).toEqual([]);
  });
});
