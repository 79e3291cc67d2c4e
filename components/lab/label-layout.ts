/**
 * Places chart point labels so that no two overlap and none covers a point or leaves the plot. Greedy: each
 * label (in order of x) takes the first free spot among candidates around its point, nearest first; a label
 * with no free spot within reach is dropped from the chart and flagged (the table beside the chart lists
 * every run, and the chart says how many labels it left out). Label boxes are estimated from the text length
 * (the SVG font is fixed-size), with a margin.
 */
export interface LabelPoint {
  text: string;
  x: number;
  y: number;
}

export interface PlacedLabel {
  text: string;
  /** Anchor point of the text (SVG `x`, `y` with textAnchor start and the baseline at y). */
  x: number;
  y: number;
  /** The box it occupies. */
  box: Box;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Glyph width and line height at the label font size. */
  charWidth: number;
  lineHeight: number;
  /** Radius around each point that labels keep clear of. */
  markerRadius: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function layoutLabels(points: readonly LabelPoint[], o: LayoutOptions): { placed: PlacedLabel[]; dropped: string[] } {
  const markers: Box[] = points.map((p) => ({
    x0: p.x - o.markerRadius,
    y0: p.y - o.markerRadius,
    x1: p.x + o.markerRadius,
    y1: p.y + o.markerRadius,
  }));
  const placed: PlacedLabel[] = [];
  const dropped: string[] = [];
  const gap = o.markerRadius + 2;
  for (const p of [...points].sort((a, b) => a.x - b.x || a.y - b.y)) {
    const w = p.text.length * o.charWidth + 2;
    const h = o.lineHeight;
    // Candidate top-left corners: right, left, above, below, then the diagonals, then further out.
    const candidates: [number, number][] = [];
    for (const reach of [0, 1, 2, 3, 4]) {
      const dy = reach * h;
      candidates.push(
        [p.x + gap, p.y - h / 2 - dy],
        [p.x + gap, p.y - h / 2 + dy],
        [p.x - gap - w, p.y - h / 2 - dy],
        [p.x - gap - w, p.y - h / 2 + dy],
        [p.x - w / 2, p.y - gap - h - dy],
        [p.x - w / 2, p.y + gap + dy],
      );
    }
    const spot = candidates
      .map(([x0, y0]) => ({ x0, y0, x1: x0 + w, y1: y0 + h }))
      .find(
        (box) =>
          box.x0 >= 0 &&
          box.y0 >= 0 &&
          box.x1 <= o.width &&
          box.y1 <= o.height &&
          !placed.some((q) => overlaps(q.box, box)) &&
          !markers.some((m) => overlaps(m, box)),
      );
    if (!spot) {
      dropped.push(p.text);
      continue;
    }
    placed.push({ text: p.text, x: spot.x0 + 1, y: spot.y1 - h * 0.25, box: spot });
  }
  return { placed, dropped };
}
