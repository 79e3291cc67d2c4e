// `npm run content -- check`          validate every question and quiz file (exit 1 with path and field on error)
// `npm run content -- export --json`  print the whole bank, quiz keys included, as one JSON document
import { ContentError, formatIssue } from "@/lib/content/bank";
import { readBankFromDisk } from "@/lib/content/read-bank";
import { checkBankRules, guesserScores, type RuleStat } from "@/lib/content/rules";

const [command, ...flags] = process.argv.slice(2);

function printStats(stats: RuleStat[], print = console.log) {
  const w = Math.max(...stats.map((s) => s.rule.length));
  const v = Math.max(...stats.map((s) => s.observed.length));
  print("content rules (docs/CONTENT.md):");
  for (const s of stats) print(`  ${s.status.padEnd(7)} ${s.rule.padEnd(w)}  ${s.observed.padEnd(v)}  limit ${s.limit}`);
}

function load() {
  try {
    return readBankFromDisk();
  } catch (e) {
    if (e instanceof ContentError) {
      if (e.stats.length) printStats(e.stats, console.error);
      console.error(`${e.issues.length} content problem(s):\n${e.issues.map(formatIssue).join("\n")}`);
      process.exit(1);
    }
    throw e;
  }
}

if (command === "check") {
  const bank = load();
  const items = bank.reduce((n, e) => n + e.quiz.length, 0);
  const files = bank.map((e) => ({ path: `content/questions/${e.question.slug}.quiz.yaml`, items: e.quiz }));
  printStats(checkBankRules(files).stats);
  console.log("blind guessers on the authored order (hits, against chance):");
  for (const g of guesserScores(files)) console.log(`  ${g.guesser}: ${g.hits}/${g.items}, chance ${g.chance.toFixed(1)}`);
  console.log(`ok: ${bank.length} questions, ${items} quiz items`);
} else if (command === "export" && flags.includes("--json")) {
  const bank = load();
  const out = {
    version: 1,
    questions: bank.map(({ question, quiz }) => ({ ...question, quiz: { items: quiz } })),
  };
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
} else {
  console.error("usage: npm run content -- check | export --json");
  process.exit(2);
}
