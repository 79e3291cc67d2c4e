"use server";

import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { signIn, oauthProviderIds } from "@/server/auth";
import { safeRedirectPath } from "@/lib/safe-redirect";

const Schema = z.object({ provider: text().max(20), callbackUrl: text().optional() });

export async function signInWithProviderAction(formData: FormData): Promise<void> {
  const parsed = Schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !oauthProviderIds().includes(parsed.data.provider)) return;
  await signIn(parsed.data.provider, { redirectTo: safeRedirectPath(parsed.data.callbackUrl, "/dashboard") });
}
