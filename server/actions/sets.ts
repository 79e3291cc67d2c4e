"use server";

import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { actorAction, authedAction } from "@/server/actions/safe-action";
import { actorForViewer } from "@/server/data/quiz-actor";
import { DataError } from "@/server/data/errors";
import { getQuestion, getQuizItemsWithKey } from "@/server/content";
import { searchQuestions } from "@/server/search";
import { getViewer } from "@/server/auth";
import {
  CreateSetSchema,
  GradeFreeTextSchema,
  ImportSetSchema,
  StartSetAttemptSchema,
  UpdateSetSchema,
  createSet,
  deleteSet,
  gradeSetFreeText,
  importSet,
  regenerateShareLink,
  revokeShareLink,
  startSetAttempt,
  submitSetAttempt,
  updateSet,
} from "@/server/data/sets";
import { shareActor } from "@/server/share-link";
import { scopeNotFound } from "@/server/permissions";
import { importSetMarkdown } from "@/lib/sets/markdown-format";
import { SlugSchema, IdSchema } from "@/lib/schemas/common";
import type { SetItem } from "@/lib/schemas/sets";
import { SubmitAttemptSchema } from "@/lib/schemas/attempt";

/** Owner side: each call reloads the viewer's memberships (authedAction), and the data layer authorises. */
export const createSetAction = authedAction(CreateSetSchema, (input, viewer) => createSet(actorForViewer(viewer), input));

export const updateSetAction = authedAction(UpdateSetSchema.extend({ id: IdSchema }), ({ id, ...input }, viewer) =>
  updateSet(actorForViewer(viewer), id, input),
);

export const deleteSetAction = authedAction(z.object({ id: IdSchema }), async ({ id }, viewer) => {
  await deleteSet(actorForViewer(viewer), id);
  return { deleted: id };
});

/** Returns the share path once; the page shows it with its origin. */
export const shareLinkAction = authedAction(z.object({ id: IdSchema }), ({ id }, viewer) =>
  regenerateShareLink(actorForViewer(viewer), id),
);

export const revokeShareLinkAction = authedAction(z.object({ id: IdSchema }), ({ id }, viewer) =>
  revokeShareLink(actorForViewer(viewer), id),
);

/** The owner's grade of one free-text answer (decision 039). */
export const gradeFreeTextAction = authedAction(GradeFreeTextSchema.extend({ id: IdSchema }), ({ id, ...input }, viewer) =>
  gradeSetFreeText(actorForViewer(viewer), id, input),
);

export const importSetAction = authedAction(ImportSetSchema, (input, viewer) => importSet(actorForViewer(viewer), input));

/** Parse Layerwise Markdown into items for the editor (nothing is stored), with the report. */
export const parseItemsAction = authedAction(z.object({ markdown: text().max(500_000) }), async ({ markdown }) => {
  const r = importSetMarkdown(markdown);
  return { items: r.items.map((i): SetItem => ({ ...i, origin: { kind: "custom" } })), report: r.report };
});

export type BankSearchHit = { slug: string; title: string; items: { id: string; type: string; prompt: string }[] };

/**
 * Search the bank (the site's search index) for questions to pick: each hit with its quiz items (id, type,
 * prompt; no key), so the owner can add a whole question or one item. Questions without quiz items are left out.
 */
export const searchBankAction = authedAction(z.object({ q: text().min(1).max(200) }), async ({ q }): Promise<BankSearchHit[]> => {
  return searchQuestions(q)
    .flatMap((h) => {
      const question = getQuestion(h.slug);
      const items = getQuizItemsWithKey(h.slug);
      if (!question || !items?.length) return [];
      return [
        { slug: h.slug, title: question.title, items: items.map((i) => ({ id: i.id, type: i.type, prompt: i.prompt.slice(0, 200) })) },
      ];
    })
    .slice(0, 12);
});

/** A bank question's quiz items, or one of them, as set items. */
export const bankPickAction = authedAction(z.object({ slug: SlugSchema, itemId: text().max(100).optional() }), async ({ slug, itemId }) => {
  const items = getQuizItemsWithKey(slug);
  if (!items) throw new DataError(`There is no question "${slug}" in the bank.`);
  const picked = itemId ? items.filter((i) => i.id === itemId) : items;
  if (!picked.length) throw new DataError(`The question "${slug}" has no quiz item "${itemId}".`);
  return picked.map((item): SetItem => ({
    item: { ...item, id: `${slug}-${item.id}`.slice(0, 90) },
    origin: { kind: "bank", slug, itemId: item.id },
  }));
});

/** Candidate side: the set is the share cookie's, never one the client names. */
async function sharedSet(createGuest: boolean) {
  const { actor, capability } = await shareActor({ createGuest });
  if (!capability) throw scopeNotFound("set");
  return { actor, setId: capability.scope.id };
}

export const startSetAttemptAction = actorAction(
  StartSetAttemptSchema,
  async (input) => {
    const { actor, setId } = await sharedSet(true);
    const viewer = actor.kind === "user" ? await getViewer() : null;
    const account = viewer ? { name: viewer.name, email: viewer.email } : null;
    const view = await startSetAttempt(actor, setId, input, account);
    return { attemptId: view.id };
  },
  { createGuest: true },
);

export const submitSetAttemptAction = actorAction(SubmitAttemptSchema.extend({ attemptId: IdSchema }), async ({ attemptId, ...input }) => {
  const { actor, setId } = await sharedSet(false);
  const review = await submitSetAttempt(actor, setId, attemptId, input);
  return { attemptId: review.attemptId };
});
