import type { Metadata } from "next";
import { requireViewer } from "@/server/auth";
import { DEFAULT_SET_SETTINGS } from "@/lib/schemas/sets";
import { SetEditor } from "@/components/sets/set-editor";

// Per request: signed-in users only.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New question set" };

export default async function NewSetPage() {
  await requireViewer({ redirectTo: "/sets/new" });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">New question set</h1>
      <SetEditor setId={null} initial={{ title: "", items: [], settings: DEFAULT_SET_SETTINGS }} />
    </div>
  );
}
