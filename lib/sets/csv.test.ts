import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvField, neutralise, toCsv } from "./csv";

/** A small RFC 4180 reader, only to check that what we write reads back field for field. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("CSV", () => {
  it("quotes per RFC 4180 and ends rows with CRLF", () => {
    expect(toCsv([["a", 'say "hi"', "x,y", "two\nlines", null, 1.5]])).toBe('a,"say ""hi""","x,y","two\nlines",,1.5\r\n');
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(neutralise(`${start}HYPERLINK("http://evil")`)).toBe(`'${start}HYPERLINK("http://evil")`);
    expect(csvField('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField(-2)).toBe("-2");
    expect(csvField("safe = text")).toBe("safe = text");
  });

  it("any text reads back as itself (after the neutralising quote) and never starts a formula", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const back = readCsv(toCsv(rows));
          expect(back).toEqual(rows.map((r) => r.map(neutralise)));
          for (const r of back) for (const f of r) expect(/^[=+\-@\t\r]/.test(f)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
