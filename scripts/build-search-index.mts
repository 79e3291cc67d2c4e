// Build step: writes the search index of the question bank (validated first) for the server to load.
import fs from "node:fs";
import path from "node:path";
import { readBankFromDisk } from "@/lib/content/read-bank";
import { buildSearchIndex } from "@/lib/search/search";

const out = path.join("server", "generated", "search-index.json");
const questions = readBankFromDisk().map((e) => e.question);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(buildSearchIndex(questions)));
console.log(`[search] indexed ${questions.length} questions → ${out}`);
