/** Split text into segments, marking case-insensitive whole-word-prefix matches of any term. Linear time, no user regex. */
export function highlightSegments(text: string, terms: string[]): { text: string; match: boolean }[] {
  const wanted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length >= 2))];
  if (!wanted.length) return [{ text, match: false }];
  const out: { text: string; match: boolean }[] = [];
  const re = /[\p{L}\p{N}]+/gu; // words; everything between them is kept as is
  let last = 0;
  for (const m of text.matchAll(re)) {
    const word = m[0].toLowerCase();
    if (wanted.some((t) => word === t || (t.length >= 3 && word.startsWith(t)))) {
      if (m.index > last) out.push({ text: text.slice(last, m.index), match: false });
      out.push({ text: m[0], match: true });
      last = m.index + m[0].length;
    }
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}
