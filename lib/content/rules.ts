import type { QuizItem } from "@/lib/schemas/quiz";
import type { ContentIssue } from "./bank";

/**
 * Content rules against test-wise guessing (docs/CONTENT.md, decision 029). A candidate who knows nothing
 * must gain nothing from where the correct option sits, how long it is, or which words it carries.
 * Item rules judge one item; bank rules are statistics over the whole bank, because one item with its key
 * in first place is fine and forty-eight are a leak. Every failing bank rule names each item that feeds
 * the bias (path + field), so the author knows what to move.
 */

export type QuizFileEntry = { path: string; items: readonly QuizItem[] };
type ChoiceItem = Extract<QuizItem, { type: "single" | "multiple" }>;
type TrueFalseItem = Extract<QuizItem, { type: "truefalse" }>;

/** One bank statistic as `npm run content -- check` prints it. */
export type RuleStat = { rule: string; observed: string; limit: string; status: "ok" | "fail" | "skipped" };
export type RulesResult = { issues: ContentIssue[]; stats: RuleStat[] };

/** Words that make a statement sound categorical (whole words, case-insensitive). */
export const ABSOLUTE_WORDS = [
  "always",
  "never",
  "only",
  "must",
  "guarantee",
  "guarantees",
  "guaranteed",
  "by definition",
  "prove",
  "proves",
  "proven",
  "proved",
  "proof",
  "all",
  "none",
  "every",
  "cannot",
  "can't",
  "impossible",
  "completely",
  "entirely",
  "necessarily",
  "certainly",
  "invariably",
  "nothing",
  "no one",
] as const;
/** Words that make a statement sound careful, the opposite tell. */
export const HEDGE_WORDS = [
  "usually",
  "often",
  "typically",
  "generally",
  "may",
  "might",
  "sometimes",
  "tend",
  "tends",
  "likely",
  "mostly",
  "in practice",
  "depends",
  "depending",
  "can help",
  "roughly",
] as const;

const wordRegex = (words: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}'’])(?:${words.map((w) => w.replace(/ /g, "\\s+").replace(/'/g, "['’]")).join("|")})(?![\\p{L}\\p{N}'’])`,
    "iu",
  );
const ABSOLUTE = wordRegex(ABSOLUTE_WORDS);
const HEDGE = wordRegex(HEDGE_WORDS);
export const hasAbsolute = (s: string) => ABSOLUTE.test(s);
export const hasHedge = (s: string) => HEDGE.test(s);

export const LIMITS = {
  /** B1: a position's share of the correct option may exceed its random share 1/n by this much… */
  positionOver: 0.15,
  /** …and fall short of it by this much ("never in place 3" is a tell too). */
  positionUnder: 0.1,
  /** B1 pooled over all option counts: observed first/last-position keys ≤ this × expected. */
  pooledFactor: 1.6,
  /** B1/B3: fewest single-choice items (per option count for B1) before a statistic is judged. */
  minSingle: 8,
  /** B2: per-position correct rate of multiple-choice options within ± this of the overall rate. */
  multiPositionTolerance: 0.2,
  minMultiPosition: 10,
  /** B2: share of multiple items whose correct options are exactly the first k. */
  multiPrefixMax: 0.25,
  /** B2: share of multiple items with the same number of correct options. */
  multiSameCountMax: 0.6,
  minMulti: 8,
  /** B3: correct option strictly longest, around its random rate Σ(1/n)/N. */
  longestOver: 0.1,
  longestUnder: 0.15,
  /** B3: mean length ratio correct / wrong. */
  lengthRatio: [0.85, 1.2] as const,
  /** R5: the correct option of a single item against its longest wrong option. */
  itemLengthFactor: 1.5,
  /** B4: |rate among wrong − rate among correct| of absolute (and of hedge) words in options. */
  wordRateTolerance: 0.08,
  minOptions: 20,
  /** B5: true/false balance and tipping words. */
  trueShare: [0.4, 0.6] as const,
  tfWordTolerance: 0.15,
  minTrueFalse: 10,
} as const;

const CORRECTNESS_TOKENS = new Set([
  "correct",
  "incorrect",
  "right",
  "wrong",
  "true",
  "false",
  "yes",
  "answer",
  "key",
  "distractor",
  "decoy",
  "foil",
  "trap",
  "myth",
  "good",
  "bad",
  "ok",
]);
const POSITION_ID = /^(?:[a-h]|\d+|opt(?:ion)?-?\d+|(?:first|second|third|fourth|last)(?:-option)?)$/;
const ORDER_TOKENS = new Set([
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "last",
  "next",
  "then",
  "step",
  "start",
  "begin",
  "end",
  "final",
  "before",
  "after",
  "top",
  "bottom",
]);
const ABOVE_OPTION = /\b(?:all|none|both|neither) of (?:the )?(?:above|these|those|options)\b|^\s*(?:[a-h]|\d) and (?:[a-h]|\d)\s*$/i;

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const ratio = (a: number, b: number) => `${a}/${b} (${pct(b ? a / b : 0)})`;

/** Per-item rules R1–R5. */
export function checkItemRules(path: string, items: readonly QuizItem[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  items.forEach((item, i) => {
    if (item.type === "single" || item.type === "multiple") {
      item.options.forEach((o, j) => {
        const field = `items.${i}.options.${j}`;
        const leaking = o.id.split("-").find((t) => CORRECTNESS_TOKENS.has(t));
        if (leaking)
          issues.push({
            path,
            field: `${field}.id`,
            message: `option id "${o.id}" says "${leaking}": public ids must not hint at correctness (R1)`,
          });
        if (POSITION_ID.test(o.id))
          issues.push({
            path,
            field: `${field}.id`,
            message: `option id "${o.id}" names a position: it would reveal the authored order after shuffling (R1)`,
          });
        if (ABOVE_OPTION.test(o.text))
          issues.push({ path, field: `${field}.text`, message: `"${o.text}" refers to other options, which are shuffled (R3)` });
      });
      if (item.type === "multiple" && item.options.every((o) => o.correct)) {
        issues.push({
          path,
          field: `items.${i}.options`,
          message: "every option is correct: a multiple-choice item needs at least one wrong option (R4)",
        });
      }
      if (item.type === "single") {
        const j = item.options.findIndex((o) => o.correct);
        const correct = item.options[j]!.text.length;
        const longestWrong = Math.max(...item.options.filter((o) => !o.correct).map((o) => o.text.length));
        if (correct > LIMITS.itemLengthFactor * longestWrong) {
          issues.push({
            path,
            field: `items.${i}.options.${j}.text`,
            message:
              `the correct option (${correct} chars) is over ${LIMITS.itemLengthFactor}× ` + `the longest wrong one (${longestWrong}) (R5)`,
          });
        }
      }
    }
    if (item.type === "ordering") {
      item.entries.forEach((e, j) => {
        const tell = e.id.split("-").find((t) => ORDER_TOKENS.has(t) || /\d/.test(t));
        if (tell)
          issues.push({
            path,
            field: `items.${i}.entries.${j}.id`,
            message: `entry id "${e.id}" hints at its place ("${tell}"): entries are shown shuffled (R2)`,
          });
      });
    }
  });
  return issues;
}

type Ref<T> = { path: string; index: number; item: T };
function collect<T extends QuizItem>(files: readonly QuizFileEntry[], pick: (i: QuizItem) => i is T): Ref<T>[] {
  return files.flatMap((f) => f.items.flatMap((item, index) => (pick(item) ? [{ path: f.path, index, item }] : [])));
}
const isSingle = (i: QuizItem): i is Extract<QuizItem, { type: "single" }> => i.type === "single";
const isMultiple = (i: QuizItem): i is Extract<QuizItem, { type: "multiple" }> => i.type === "multiple";
const isChoice = (i: QuizItem): i is ChoiceItem => i.type === "single" || i.type === "multiple";
const isTrueFalse = (i: QuizItem): i is TrueFalseItem => i.type === "truefalse";

/** Bank rules B1–B5 over every quiz file of the bank. */
export function checkBankRules(files: readonly QuizFileEntry[]): RulesResult {
  const issues: ContentIssue[] = [];
  const stats: RuleStat[] = [];
  const judge = (rule: string, observed: string, limit: string, ok: boolean, blame: () => ContentIssue[]) => {
    stats.push({ rule, observed, limit, status: ok ? "ok" : "fail" });
    if (!ok) issues.push(...blame().map((b) => ({ ...b, message: `${b.message} — ${rule}: ${observed}, limit ${limit}` })));
  };
  const skip = (rule: string, observed: string, limit: string) => stats.push({ rule, observed, limit, status: "skipped" });

  const singles = collect(files, isSingle);
  const keyIndex = (r: Ref<ChoiceItem>) => r.item.options.findIndex((o) => o.correct);

  // B1: position of the single correct option, per option count and pooled first/last.
  const byCount = new Map<number, Ref<Extract<QuizItem, { type: "single" }>>[]>();
  for (const r of singles) byCount.set(r.item.options.length, [...(byCount.get(r.item.options.length) ?? []), r]);
  for (const [n, refs] of [...byCount].sort((a, b) => a[0] - b[0])) {
    const hi = 1 / n + LIMITS.positionOver;
    const lo = Math.max(0, 1 / n - LIMITS.positionUnder);
    for (let p = 0; p < n; p++) {
      const at = refs.filter((r) => keyIndex(r) === p);
      const rule = `B1 single ${n}-option key at position ${p + 1}`;
      const limit = `${pct(lo)}–${pct(hi)}`;
      if (refs.length < LIMITS.minSingle) {
        skip(rule, `${refs.length} items`, `≥ ${LIMITS.minSingle} items`);
        continue;
      }
      const share = at.length / refs.length;
      judge(rule, ratio(at.length, refs.length), limit, share <= hi && share >= lo, () =>
        (share > hi ? at : refs.filter((r) => keyIndex(r) !== p)).map((r) => ({
          path: r.path,
          field: `items.${r.index}.options.${keyIndex(r)}`,
          message: share > hi ? `correct option at position ${p + 1}` : `correct option not at position ${p + 1} (move some keys there)`,
        })),
      );
    }
  }
  for (const [end, at] of [
    ["first", () => 0],
    ["last", (n: number) => n - 1],
  ] as const) {
    const rule = `B1 single key in ${end} place, all option counts`;
    const expected = singles.reduce((s, r) => s + 1 / r.item.options.length, 0);
    const hits = singles.filter((r) => keyIndex(r) === at(r.item.options.length));
    const limit = `≤ ${(LIMITS.pooledFactor * expected).toFixed(1)} (${LIMITS.pooledFactor}× the expected ${expected.toFixed(1)})`;
    if (singles.length < LIMITS.minSingle) skip(rule, `${singles.length} items`, `≥ ${LIMITS.minSingle} items`);
    else
      judge(rule, `${hits.length} of ${singles.length}`, limit, hits.length <= LIMITS.pooledFactor * expected, () =>
        hits.map((r) => ({ path: r.path, field: `items.${r.index}.options.${keyIndex(r)}`, message: `correct option in ${end} place` })),
      );
  }

  // B2: multiple choice, per position, prefix and count.
  const multis = collect(files, isMultiple);
  const allOpts = multis.flatMap((r) => r.item.options);
  const overall = allOpts.filter((o) => o.correct).length / Math.max(1, allOpts.length);
  const maxN = Math.max(0, ...multis.map((r) => r.item.options.length));
  for (let p = 0; p < maxN; p++) {
    const refs = multis.filter((r) => r.item.options.length > p);
    const rule = `B2 multiple: correct rate at position ${p + 1}`;
    const tol = LIMITS.multiPositionTolerance;
    const limit = `${pct(overall - tol)}–${pct(overall + tol)} (overall ${pct(overall)})`;
    if (refs.length < LIMITS.minMultiPosition) {
      skip(rule, `${refs.length} items`, `≥ ${LIMITS.minMultiPosition} items`);
      continue;
    }
    const correctAt = refs.filter((r) => r.item.options[p]!.correct);
    const rate = correctAt.length / refs.length;
    const high = rate > overall;
    judge(rule, ratio(correctAt.length, refs.length), limit, Math.abs(rate - overall) <= LIMITS.multiPositionTolerance, () =>
      (high ? correctAt : refs.filter((r) => !r.item.options[p]!.correct)).map((r) => ({
        path: r.path,
        field: `items.${r.index}.options.${p}`,
        message: high ? `a correct option at position ${p + 1}` : `a wrong option at position ${p + 1}`,
      })),
    );
  }
  const prefix = multis.filter((r) => {
    const k = r.item.options.filter((o) => o.correct).length;
    return r.item.options.every((o, j) => o.correct === j < k);
  });
  const counts = new Map<number, typeof multis>();
  for (const r of multis) {
    const k = r.item.options.filter((o) => o.correct).length;
    counts.set(k, [...(counts.get(k) ?? []), r]);
  }
  const [topK, topRefs] = [...counts].sort((a, b) => b[1].length - a[1].length)[0] ?? [0, []];
  if (multis.length < LIMITS.minMulti) {
    skip("B2 multiple: correct options are the first k", `${multis.length} items`, `≥ ${LIMITS.minMulti} items`);
    skip("B2 multiple: most common number of correct options", `${multis.length} items`, `≥ ${LIMITS.minMulti} items`);
  } else {
    judge(
      "B2 multiple: correct options are the first k",
      ratio(prefix.length, multis.length),
      `≤ ${pct(LIMITS.multiPrefixMax)}`,
      prefix.length <= LIMITS.multiPrefixMax * multis.length,
      () =>
        prefix.map((r) => ({ path: r.path, field: `items.${r.index}.options`, message: "the correct options are exactly the first ones" })),
    );
    judge(
      `B2 multiple: most common number of correct options (${topK})`,
      ratio(topRefs.length, multis.length),
      `≤ ${pct(LIMITS.multiSameCountMax)}`,
      topRefs.length <= LIMITS.multiSameCountMax * multis.length,
      () => topRefs.map((r) => ({ path: r.path, field: `items.${r.index}.options`, message: `${topK} correct options` })),
    );
  }

  // B3: length of the correct option.
  const longest = singles.filter((r) => {
    const k = keyIndex(r);
    const len = r.item.options[k]!.text.length;
    return r.item.options.every((o, j) => j === k || o.text.length < len);
  });
  const baseline = singles.reduce((s, r) => s + 1 / r.item.options.length, 0) / Math.max(1, singles.length);
  const [lo, hi] = [Math.max(0, baseline - LIMITS.longestUnder), baseline + LIMITS.longestOver];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const ratios = singles.map((r) => {
    const k = keyIndex(r);
    return r.item.options[k]!.text.length / mean(r.item.options.filter((o) => !o.correct).map((o) => o.text.length));
  });
  const meanRatio = mean(ratios);
  const [rlo, rhi] = LIMITS.lengthRatio;
  const multiCorrect = allOpts.filter((o) => o.correct);
  const multiWrong = allOpts.filter((o) => !o.correct);
  const multiRatio = mean(multiCorrect.map((o) => o.text.length)) / Math.max(1, mean(multiWrong.map((o) => o.text.length)));
  if (singles.length < LIMITS.minSingle) {
    skip("B3 single: correct option strictly longest", `${singles.length} items`, `≥ ${LIMITS.minSingle} items`);
    skip("B3 single: mean length correct / mean wrong", `${singles.length} items`, `≥ ${LIMITS.minSingle} items`);
  } else {
    const tooOften = longest.length > hi * singles.length;
    judge(
      "B3 single: correct option strictly longest",
      ratio(longest.length, singles.length),
      `${pct(lo)}–${pct(hi)}`,
      !tooOften && longest.length >= lo * singles.length,
      () =>
        (tooOften ? longest : singles.filter((r) => !longest.includes(r))).map((r) => ({
          path: r.path,
          field: `items.${r.index}.options.${keyIndex(r)}.text`,
          message: tooOften ? "the correct option is the longest" : "the correct option is not the longest (some keys should be)",
        })),
    );
    judge("B3 single: mean length correct / mean wrong", meanRatio.toFixed(2), `${rlo}–${rhi}`, meanRatio >= rlo && meanRatio <= rhi, () =>
      singles
        .map((r, n) => ({ r, q: ratios[n]! }))
        .filter(({ q }) => (meanRatio > rhi ? q > rhi : q < rlo))
        .map(({ r, q }) => ({
          path: r.path,
          field: `items.${r.index}.options.${keyIndex(r)}.text`,
          message: `length ratio ${q.toFixed(2)}`,
        })),
    );
  }
  if (multis.length < LIMITS.minMulti)
    skip("B3 multiple: mean length correct / wrong", `${multis.length} items`, `≥ ${LIMITS.minMulti} items`);
  else
    judge("B3 multiple: mean length correct / wrong", multiRatio.toFixed(2), `${rlo}–${rhi}`, multiRatio >= rlo && multiRatio <= rhi, () =>
      multis.flatMap((r) =>
        r.item.options.flatMap((o, j) =>
          (multiRatio > rhi ? o.correct : !o.correct)
            ? [
                {
                  path: r.path,
                  field: `items.${r.index}.options.${j}.text`,
                  message: `${o.correct ? "correct" : "wrong"} option of ${o.text.length} chars`,
                },
              ]
            : [],
        ),
      ),
    );

  // B4: absolute and hedge words by correctness, over every choice option.
  const options = collect(files, isChoice).flatMap((r) => r.item.options.map((o, j) => ({ r, o, j })));
  for (const [name, test] of [
    ["absolute", hasAbsolute],
    ["hedge", hasHedge],
  ] as const) {
    const rule = `B4 ${name} words: rate in wrong vs correct options`;
    const correct = options.filter((x) => x.o.correct);
    const wrong = options.filter((x) => !x.o.correct);
    if (correct.length < LIMITS.minOptions || wrong.length < LIMITS.minOptions) {
      skip(rule, `${correct.length} correct, ${wrong.length} wrong`, `≥ ${LIMITS.minOptions} each`);
      continue;
    }
    const cw = correct.filter((x) => test(x.o.text));
    const ww = wrong.filter((x) => test(x.o.text));
    const diff = ww.length / wrong.length - cw.length / correct.length;
    judge(
      rule,
      `wrong ${ratio(ww.length, wrong.length)}, correct ${ratio(cw.length, correct.length)}`,
      `difference ≤ ${pct(LIMITS.wordRateTolerance)}`,
      Math.abs(diff) <= LIMITS.wordRateTolerance,
      () =>
        (diff > 0 ? ww : cw).map((x) => ({
          path: x.r.path,
          field: `items.${x.r.index}.options.${x.j}.text`,
          message: `${x.o.correct ? "correct" : "wrong"} option with ${name} words`,
        })),
    );
  }

  // B5: true/false balance and tipping words.
  const tfs = collect(files, isTrueFalse);
  if (tfs.length < LIMITS.minTrueFalse) skip("B5 true/false: share true", `${tfs.length} items`, `≥ ${LIMITS.minTrueFalse} items`);
  else {
    const trues = tfs.filter((r) => r.item.answer);
    const share = trues.length / tfs.length;
    const [tlo, thi] = LIMITS.trueShare;
    judge("B5 true/false: share true", ratio(trues.length, tfs.length), `${pct(tlo)}–${pct(thi)}`, share >= tlo && share <= thi, () =>
      (share > thi ? trues : tfs.filter((r) => !r.item.answer)).map((r) => ({
        path: r.path,
        field: `items.${r.index}.answer`,
        message: `answer ${r.item.answer}`,
      })),
    );
    for (const [name, test] of [
      ["absolute", hasAbsolute],
      ["hedge", hasHedge],
    ] as const) {
      const falses = tfs.filter((r) => !r.item.answer);
      const ft = falses.filter((r) => test(r.item.prompt));
      const tt = trues.filter((r) => test(r.item.prompt));
      const diff = ft.length / Math.max(1, falses.length) - tt.length / Math.max(1, trues.length);
      judge(
        `B5 true/false ${name} words: false vs true statements`,
        `false ${ratio(ft.length, falses.length)}, true ${ratio(tt.length, trues.length)}`,
        `difference ≤ ${pct(LIMITS.tfWordTolerance)}`,
        Math.abs(diff) <= LIMITS.tfWordTolerance,
        () =>
          (diff > 0 ? ft : tt).map((r) => ({
            path: r.path,
            field: `items.${r.index}.prompt`,
            message: `${r.item.answer} statement with ${name} words`,
          })),
      );
    }
  }
  return { issues, stats };
}

/** Item and bank rules together, as `buildBank` and the content check run them. */
export function checkContentRules(files: readonly QuizFileEntry[]): RulesResult {
  const itemIssues = files.flatMap((f) => checkItemRules(f.path, f.items));
  const bank = checkBankRules(files);
  return { issues: [...itemIssues, ...bank.issues], stats: bank.stats };
}

/** A blind strategy's hits on the authored order: what a test-wise guesser who knows nothing would score. */
export type GuesserScore = { guesser: string; hits: number; items: number; chance: number };

/**
 * Scores of the classic test-wise strategies on the bank as authored (single choice: first option, longest option,
 * first option without an absolute word; multiple choice: tick the first two; true/false: "false if it sounds
 * absolute, else true"). The rules above bound the patterns; this measures the outcome they protect.
 */
export function guesserScores(files: readonly QuizFileEntry[]): GuesserScore[] {
  const all = files.flatMap((f) => f.items);
  const singles = all.filter(isSingle);
  const multis = all.filter(isMultiple);
  const tfs = all.filter(isTrueFalse);
  const singleChance = singles.reduce((s, i) => s + 1 / i.options.length, 0);
  const pick = (guesser: string, f: (i: (typeof singles)[number]) => number): GuesserScore => ({
    guesser,
    hits: singles.filter((i) => i.options[f(i)]!.correct).length,
    items: singles.length,
    chance: singleChance,
  });
  const longestIndex = (i: (typeof singles)[number]) =>
    i.options.reduce((b, o, j) => (o.text.length > i.options[b]!.text.length ? j : b), 0);
  return [
    pick("single: first option", () => 0),
    pick("single: longest option", longestIndex),
    pick("single: first option without an absolute word", (i) =>
      Math.max(
        0,
        i.options.findIndex((o) => !hasAbsolute(o.text)),
      ),
    ),
    {
      guesser: "multiple: tick the first two options (exact set)",
      hits: multis.filter((i) => i.options.every((o, j) => o.correct === j < 2)).length,
      items: multis.length,
      chance: multis.reduce((s, i) => s + 2 ** -i.options.length, 0),
    },
    {
      guesser: 'true/false: "false if it has an absolute word, else true"',
      hits: tfs.filter((i) => i.answer === !hasAbsolute(i.prompt)).length,
      items: tfs.length,
      chance: tfs.length / 2,
    },
  ];
}
