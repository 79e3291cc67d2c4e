import type { Metadata } from "next";
import { requireViewer } from "@/server/auth";
import { listApiTokens } from "@/server/data/api-tokens";
import { TokenManager } from "./token-manager";

// Per request: a signed-in user's own tokens (names and dates only; the secrets are never stored).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const viewer = await requireViewer({ redirectTo: "/settings/tokens" });
  const tokens = await listApiTokens(viewer);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API tokens</h1>
      <p>
        A personal token lets a script use the{" "}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline dark:text-brand-300">
          quiz API
        </a>{" "}
        as you: send it as <code>Authorization: Bearer lw_…</code>. It is shown once when you create it; revoke it when you no longer need
        it.
      </p>
      <TokenManager tokens={tokens} />
    </div>
  );
}
