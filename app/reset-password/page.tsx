import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { resetPasswordAction } from "@/server/actions/password-reset";

// Per request: the token comes in the query string of the mailed link.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? "";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      <p>Every session of the account ends when the password changes; sign in again afterwards.</p>
      <AuthForm
        action={resetPasswordAction}
        hidden={{ token }}
        submitLabel="Set the new password"
        fields={[
          {
            name: "password",
            label: "New password",
            type: "password",
            autoComplete: "new-password",
            required: true,
            hint: "At least 8 characters; a long passphrase is best.",
          },
        ]}
        footer={{ text: "Link expired?", href: "/forgot-password", link: "Ask for a new one" }}
      />
    </div>
  );
}
