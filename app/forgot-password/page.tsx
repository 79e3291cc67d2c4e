import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { requestResetAction } from "@/server/actions/password-reset";
import { resetAvailable } from "@/server/data/password-reset";

// Per request: whether reset is offered depends on the server's configuration (SMTP_URL, AUTH_URL).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Forgot your password</h1>
      {resetAvailable() ? (
        <>
          <p>Enter the email address of your account; we send it a link to choose a new password.</p>
          <AuthForm
            action={requestResetAction}
            submitLabel="Send the reset link"
            fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email", required: true }]}
            footer={{ text: "Remembered it?", href: "/signin", link: "Sign in" }}
          />
        </>
      ) : (
        <p>
          Password reset by email is not available on this server (it has no mail server configured). If you signed in with GitHub or
          Google, use that; otherwise ask the server&apos;s administrator.{" "}
          <Link href="/signin" className="underline">
            Back to sign in
          </Link>
          .
        </p>
      )}
    </div>
  );
}
