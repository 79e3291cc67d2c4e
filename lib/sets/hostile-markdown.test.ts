import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { renderMarkdown } from "@/lib/markdown";
import { importSetMarkdown } from "./markdown-format";
import { importGift } from "./gift";
import type { QuizItem } from "@/lib/schemas/quiz";
import { HOSTILE } from "@/tests/support/hostile-markdown";

/**
 * What in rendered HTML could run or navigate somewhere unsafe, read from the DOM (text that merely says
 * "javascript:" is inert): active elements, event-handler or srcdoc attributes, URL attributes with a scheme
 * other than http, https or mailto (fragments and relative URLs are fine).
 */
const doc = new JSDOM("<body></body>").window.document;
function activeParts(html: string): string[] {
  doc.body.innerHTML = html;
  const found: string[] = [];
  for (const el of doc.body.querySelectorAll("*")) {
    if (/^(script|iframe|object|embed|form|input|button|svg|math|style|link|meta|base|frame|frameset)$/i.test(el.tagName)) {
      if (!(el.tagName.toLowerCase() === "math" && el.closest(".katex"))) found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // KaTeX adds its own style attributes after sanitising (trusted markup); nothing else may.
      const katexStyle = name === "style" && el.closest(".katex, .katex-error");
      if (name.startsWith("on") || name === "srcdoc" || (name === "style" && !katexStyle)) found.push(`${name}=`);
      if (["href", "src", "action", "formaction", "xlink:href", "poster", "background"].includes(name)) {
        const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(attr.value.replace(/[\u0000-\u001f\s]/g, ""))?.[1]?.toLowerCase();
        if (scheme && !["http", "https", "mailto"].includes(scheme)) found.push(`${name}=${scheme}:`);
      }
    }
  }
  return found;
}

function texts(item: QuizItem): string[] {
  const out = [item.prompt];
  if (item.type === "single" || item.type === "multiple") for (const o of item.options) out.push(o.text, o.rationale);
  if ("rationale" in item) out.push(item.rationale);
  if (item.type === "freetext") out.push(...item.rubric, item.modelAnswer);
  return out;
}

describe("hostile Markdown in custom set items renders inert", () => {
  it("each corpus entry, imported as prompt, option and rationale", () => {
    const md = HOSTILE.map(
      (h, i) =>
        `## single hostile-${i}\n${h}\n\n- [x] ${h.replace(/\n/g, " ")}\n  > ${h.replace(/\n/g, " ")}\n` +
        `- [ ] ok\n  > ${h.replace(/\n/g, " ")}`,
    ).join("\n\n");
    const r = importSetMarkdown(md);
    expect(r.report.entries).toEqual([]);
    expect(r.items).toHaveLength(HOSTILE.length);
    for (const { item } of r.items) for (const t of texts(item)) expect(activeParts(renderMarkdown(t))).toEqual([]);
  });

  it("the same corpus through GIFT [html] and [markdown] text", () => {
    const gift = HOSTILE.map((h) => `[html]${h.replace(/\n/g, " ").replace(/[{}=~#:]/g, (c) => `\\${c}`)}{=ok ~no}`).join("\n\n");
    const r = importGift(gift);
    expect(r.items.length).toBe(HOSTILE.length);
    for (const { item } of r.items) for (const t of texts(item)) expect(activeParts(renderMarkdown(t))).toEqual([]);
  });

  it("fuzz: arbitrary compositions of the corpus and Markdown syntax stay inert", () => {
    const piece = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom("[", "](", ")", "<", ">", '"', "&#58;", "\n\n", "**", "`", "javascript"),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        expect(activeParts(renderMarkdown(parts.join("")))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
