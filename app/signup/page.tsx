import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { signUpAction } from "@/server/actions/auth";
import { getViewer } from "@/server/auth";
import { PASSWORD_MIN } from "@/lib/auth/password-policy";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/dashboard");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Create an account</h1>
      <AuthForm
        action={signUpAction}
        submitLabel="Create account"
        fields={[
          { name: "name", label: "Name (optional)", type: "text", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            required: true,
            hint: `At least ${PASSWORD_MIN} characters. A long passphrase is best; no special characters required.`,
          },
        ]}
        footer={{ text: "Already have an account?", href: "/signin", link: "Sign in" }}
      />
    </div>
  );
}
