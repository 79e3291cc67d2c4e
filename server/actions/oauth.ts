"use server";

import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { signIn, oauthProviderIds } from "@/server/auth";
import { safeRedirectPath } from "@/lib/safe-redirect";

const Schema = z.object({ provider: text().max(20), callbackUrl: text().optional() });

export async function signInWithProviderAction(formData: FormData): Promise<void> {
  if (!(formData instanceof FormData)) return; // a direct POST with something else: nothing to do
  const parsed = Schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !oauthProviderIds().includes(parsed.data.provider)) return;
  await signIn(parsed.data.provider, { redirectTo: safeRedirectPath(parsed.data.callbackUrl, "/dashboard") });
}
