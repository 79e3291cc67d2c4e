/**
 * Set owners write prompts, options and rationales; candidates read them. Every text goes through the one
 * pipeline (lib/markdown.ts); this corpus, written into custom items, must come out inert.
 */
export const HOSTILE = [
  "<script>window.__pwned=1</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt&#58;alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<javascript:alert(1)>",
  '<a href="vbscript:msgbox(1)">x</a>',
  "![x](javascript:alert(1))",
  "[x][ref]\n\n[ref]: javascript:alert(1)",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<form action=javascript:alert(1)><button>x</button></form>",
  "<details open ontoggle=alert(1)>",
  "[x](  javascript:alert(1)  )",
  "[x](java\tscript:alert(1))",
  "$\\href{javascript:alert(1)}{x}$",
  "```html\n<script>alert(1)</script>\n```",
];
