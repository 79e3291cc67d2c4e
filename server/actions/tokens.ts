"use server";

import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { authedAction } from "@/server/actions/safe-action";
import { createApiToken, revokeApiToken } from "@/server/data/api-tokens";

/** Personal API tokens: the secret is returned once, by create, and never again (only its hash is stored). */
export const createTokenAction = authedAction(
  z.object({ name: text().trim().min(1, "Give the token a name.").max(60, "At most 60 characters.") }),
  (input, viewer) => createApiToken(viewer, input.name),
);

export const revokeTokenAction = authedAction(z.object({ id: text().min(1).max(40) }), async (input, viewer) => {
  await revokeApiToken(viewer, input.id);
  return { revoked: input.id };
});
