import type { Metadata } from "next";

// Rendered per request: the lab's CSP carries a nonce (lib/csp.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Freeze-layers lab" };

export default function LabPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Freeze-layers lab</h1>
      <p>The in-browser lab is being built (issue 4). Its headless runner already works: <code>npm run lab -- sweep --json</code>.</p>
    </div>
  );
}
