import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { signInAction } from "@/server/actions/auth";
import { getViewer, oauthProviderIds } from "@/server/auth";
import { safeRedirectPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl, "/dashboard");
  if (await getViewer()) redirect(callbackUrl);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {params.reset === "1" && <p role="status">Your password was changed. Sign in with the new one.</p>}
      <AuthForm
        action={signInAction}
        callbackUrl={callbackUrl}
        submitLabel="Sign in"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password", required: true },
        ]}
        footer={{ text: "New here?", href: "/signup", link: "Create an account" }}
      />
      <p className="text-sm">
        <Link href="/forgot-password" className="underline">
          Forgot your password?
        </Link>
      </p>
      <OAuthButtons providers={oauthProviderIds()} callbackUrl={callbackUrl} />
    </div>
  );
}
