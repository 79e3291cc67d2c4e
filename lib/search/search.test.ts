import { describe, expect, it } from "vitest";
import { readBankFromDisk } from "@/lib/content/read-bank";
import { buildSearchIndex, loadSearchIndex, search, suggestTerms } from "./search";
import { highlightSegments } from "./highlight";

const questions = readBankFromDisk().map((e) => e.question);
const index = buildSearchIndex(questions);

describe("question search", () => {
  it("ranks the question whose title matches first", () => {
    expect(search(index, "layer freezing")[0]?.slug).toBe("layer-freezing");
    expect(search(index, "knowledge distillation")[0]?.slug).toBe("knowledge-distillation");
  });

  it("tolerates typos", () => {
    expect(search(index, "distilation").map((h) => h.slug)).toContain("knowledge-distillation");
    const top = search(index, "freezng")
      .slice(0, 2)
      .map((h) => h.slug);
    expect(top).toContain("layer-freezing");
  });

  it("survives serialisation (the build writes the index, the server loads it)", () => {
    const loaded = loadSearchIndex(JSON.stringify(index));
    expect(search(loaded, "catastrophic forgetting")[0]?.slug).toBe("catastrophic-forgetting");
  });

  it("finds nothing for gibberish, and does not throw on odd input", () => {
    expect(search(index, "zzqxv")).toEqual([]);
    expect(() => search(index, "' OR 1=1 -- <script>")).not.toThrow();
  });
});

describe("highlightSegments", () => {
  it("marks whole words and word prefixes, case-insensitively, keeping all text", () => {
    const segs = highlightSegments("Freezing layers: the frozen FREEZE.", ["freez"]);
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(["Freezing", "FREEZE"]);
    expect(segs.map((s) => s.text).join("")).toBe("Freezing layers: the frozen FREEZE.");
  });
  it("is linear on a long adversarial input", () => {
    const long = "a".repeat(50_000) + "!";
    const started = performance.now();
    highlightSegments(long, ["aaa", "aa"]);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("suggests the nearest terms when a search finds nothing", () => {
    expect(search(index, "dropuot")).toEqual([]);
    const suggestions = suggestTerms(index, "dropuot");
    expect(suggestions[0]).toBe("dropout");
    expect(search(index, suggestions[0]!).length).toBeGreaterThan(0);
    expect(suggestTerms(index, "")).toEqual([]);
  });
});
