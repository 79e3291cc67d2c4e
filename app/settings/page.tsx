import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/server/auth";
import { getMe } from "@/server/data/account";
import { SignInReason } from "@/components/progress/sign-in-reason";
import { ChangePasswordForm, DeleteAccountForm, SignOutEverywhereButton } from "@/components/settings/account-forms";
import { link } from "@/components/ui/styles";

// Per request: the signed-in user's own account.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Account settings" };

export default async function SettingsPage() {
  const viewer = await getViewer();
  if (!viewer)
    return (
      <SignInReason title="Account settings" why="Settings are for an account: its password, its sessions, its data." next="/settings" />
    );
  const me = await getMe(viewer);
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Account settings</h1>
        <p>
          Signed in as {me.email}
          {me.name ? ` (${me.name})` : ""}, since {me.createdAt.slice(0, 10)}.
        </p>
      </header>

      <section aria-labelledby="password" className="space-y-3">
        <h2 id="password" className="text-xl font-semibold">
          {me.hasPassword ? "Change password" : "Set a password"}
        </h2>
        <p className="text-sm">Changing it signs you out on every other browser and device; this one stays signed in.</p>
        <ChangePasswordForm hasPassword={me.hasPassword} />
      </section>

      <section aria-labelledby="sessions" className="space-y-3">
        <h2 id="sessions" className="text-xl font-semibold">
          Sessions
        </h2>
        <p className="text-sm">
          End every session of this account, on every device, this one included. Personal API tokens are separate:{" "}
          <Link href="/settings/tokens" className={link}>
            revoke them here
          </Link>
          .
        </p>
        <SignOutEverywhereButton />
      </section>

      <section aria-labelledby="export" className="space-y-3">
        <h2 id="export" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="text-sm">
          Everything this site stores about you — profile, sessions (dates only), API tokens (names and dates), self-grades, quiz attempts,
          review schedule, lab runs — as one JSON file. The same is available to scripts at <code>GET /api/v1/me/export</code>.
        </p>
        {/* A plain link: the route answers with a download (Content-Disposition). */}
        <a href="/api/v1/me/export" className={link} download>
          Download everything (JSON)
        </a>
      </section>

      <section aria-labelledby="delete" className="space-y-3">
        <h2 id="delete" className="text-xl font-semibold">
          Delete the account
        </h2>
        <p className="text-sm">
          This removes the account and all its data at once — attempts, self-grades, review schedule, lab runs, sessions and API tokens. It
          cannot be undone; download your data first if you want to keep it.
        </p>
        <DeleteAccountForm email={me.email} />
      </section>
    </div>
  );
}
