import fs from "node:fs";
import path from "node:path";
import { buildBank, type BankEntry } from "@/lib/content/bank";

/** Where the bank lives, relative to the project root (the working directory of every entry point). */
export const CONTENT_DIR = path.join("content", "questions");

/** Read and validate every question and quiz file under `dir`. Node only (used by server/content.ts and scripts). */
export function readBankFromDisk(dir = path.join(/* turbopackIgnore: true */ process.cwd(), CONTENT_DIR)): BankEntry[] {
  const names = fs.readdirSync(dir).sort();
  const read = (n: string) => ({ path: path.join(CONTENT_DIR, n), raw: fs.readFileSync(path.join(dir, n), "utf8") });
  return buildBank(
    names.filter((n) => n.endsWith(".md")).map(read),
    names.filter((n) => n.endsWith(".quiz.yaml")).map(read),
  );
}
