import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { findKeyLeaks, keyFingerprints, type KeyMaterial, type QuizItem } from "@/lib/quiz";

/**
 * Test support for the quiz specs: the bank with its answer keys (from the content export, the same
 * data the server grades with) and a recorder of every response body a page receives.
 */
export type BankQuiz = { slug: string; title: string; keyPoints: string[]; items: QuizItem[] };

let cached: BankQuiz[] | null = null;
export function loadBank(): BankQuiz[] {
  if (cached) return cached;
  const json = execFileSync(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/content.mts", "export", "--json"],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const bank = JSON.parse(json) as { questions: { slug: string; title: string; keyPoints: string[]; quiz: { items: QuizItem[] } }[] };
  cached = bank.questions
    .filter((q) => q.quiz.items.length > 0)
    .map((q) => ({ slug: q.slug, title: q.title, keyPoints: q.keyPoints, items: q.quiz.items }));
  return cached;
}

export function quizOf(slug: string): BankQuiz {
  const q = loadBank().find((x) => x.slug === slug);
  if (!q) throw new Error(`no quiz for ${slug}`);
  return q;
}

/** Records the text of every response (HTML, RSC payloads, JSON, scripts) the page receives. */
export function recordResponses(page: Page): { url: string; body: string }[] {
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (!/text|json|javascript|x-component/.test(type)) return;
    try {
      bodies.push({ url: res.url(), body: await res.text() });
    } catch {
      /* a redirect or an aborted navigation has no body */
    }
  });
  return bodies;
}

/**
 * Key prose of the given quizzes found in any of the bodies. Uses the engine's scanner: rationales,
 * model answers and rubric points (`collectKeyMaterial`, kind "text") reduced to runs of six words, so
 * Markdown, HTML and JSON escaping cannot hide a copy, minus runs that also occur in the quiz's public
 * text. Short key values (an option id, "true", "2245", a tolerance) are deliberately not searched: they
 * legitimately occur on any page (ids are shown as option ids, numbers appear in prompts), so the
 * engine checks them structurally instead (no withheld field names in the public view; unit tests).
 */
export function leaksIn(quizzes: BankQuiz[], bodies: { url: string; body: string }[]): string[] {
  const found: string[] = [];
  for (const q of quizzes) {
    const prints = keyFingerprints(q.items);
    for (const b of bodies) for (const m of findKeyLeaks(prints, b.body)) found.push(`${q.slug} ${describe(m)} in ${b.url}`);
  }
  return found;
}

const describe = (m: KeyMaterial) => `${m.path} (“${m.value.slice(0, 50)}…”)`;

/** Every file under .next/static (the client bundles), for the build-output leak check. */
export function staticFiles(dir = path.join(".next", "static")): { url: string; body: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((e) => {
    if (!e.isFile() || !/\.(js|css|json|html|txt)$/.test(e.name)) return [];
    const file = path.join(e.parentPath, e.name);
    return [{ url: file, body: fs.readFileSync(file, "utf8") }];
  });
}

/** Press Tab until `target` has focus (keyboard only: no clicks). */
export async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
