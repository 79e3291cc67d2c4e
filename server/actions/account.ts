"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { authedAction } from "@/server/actions/safe-action";
import { sessionCookieName } from "@/server/auth";
import { ChangePasswordSchema, DeleteAccountSchema, changePassword, deleteAccount, signOutEverywhere } from "@/server/data/account";
import { logEvent } from "@/server/log";

async function currentSessionToken(): Promise<string | null> {
  return (await cookies()).get(sessionCookieName())?.value ?? null;
}

async function dropSessionCookie() {
  (await cookies()).delete(sessionCookieName());
}

/** Change the password; every other session of the account ends, this one stays. */
export const changePasswordAction = authedAction(ChangePasswordSchema, async (input, viewer) => {
  const r = await changePassword(viewer, input, await currentSessionToken());
  logEvent("auth.password.changed", { userId: viewer.id, endedSessions: r.endedSessions, outcome: "success" });
  return r;
});

/** End every session, this one included (the page then goes to sign-in). */
export const signOutEverywhereAction = authedAction(z.object({}), async (_input, viewer) => {
  const r = await signOutEverywhere(viewer);
  await dropSessionCookie();
  logEvent("auth.signout.everywhere", { userId: viewer.id, endedSessions: r.endedSessions, outcome: "success" });
  return r;
});

/** Delete the account after the email is typed again; its sessions and tokens end with it. */
export const deleteAccountAction = authedAction(DeleteAccountSchema, async (input, viewer) => {
  const r = await deleteAccount(viewer, input);
  await dropSessionCookie();
  logEvent("account.deleted", { userId: viewer.id, outcome: "success" });
  return r;
});
