import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

/**
 * Parses the HTML as a browser would and reports anything executable: script, iframe, object or
 * embed elements, event-handler attributes, or a script/data URL in a URL attribute. (The same
 * words as plain text or inside a quoted attribute are inert, and allowed.)
 */
const { document: doc } = new JSDOM("<body></body>").window;

function executable(html: string): string | null {
  doc.body.innerHTML = html;
  const bad = doc.body.querySelector("script, iframe, object, embed, frame, base, meta, form");
  if (bad) return `<${bad.tagName.toLowerCase()}>`;
  for (const el of doc.body.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) return `${attr.name}=`;
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) {
        return `${attr.name}=${attr.value}`;
      }
    }
  }
  return null;
}

describe("renderMarkdown", () => {
  it("renders inline and display math with KaTeX", () => {
    const html = renderMarkdown("Cost is $2 \\cdot n_{in} \\cdot n_{out}$ per sample.\n\n$$\nL = -\\sum_i y_i \\log p_i\n$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain("katex-display");
  });

  it("highlights fenced code by language", () => {
    const html = renderMarkdown("```python\nfor layer in model.layers[:k]:\n    layer.trainable = False\n```");
    expect(html).toContain('class="hljs language-python"');
    expect(html).toContain('<span class="hljs-keyword">for</span>');
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<javascript:alert(1)>",
  ])("strips the XSS vector %s", (input) => {
    expect(executable(renderMarkdown(input))).toBeNull();
  });

  it("never emits scripts, event handlers or dangerous URLs for arbitrary input", () => {
    const fragment = fc.constantFrom(
      "<script>",
      "<img onerror=x>",
      "javascript:",
      "[a](",
      ")",
      "<",
      ">",
      '"',
      " onload=",
      "$",
      "`",
      "\n",
      "data:text/html,",
      "&#58;",
      "x",
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 30 }).map((a) => a.join("")),
        (md) => executable(renderMarkdown(md)) === null,
      ),
      { numRuns: 1000 },
    );
  });
});
