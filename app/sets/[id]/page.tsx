import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { DataError } from "@/server/data/errors";
import { getSet } from "@/server/data/sets";
import { SetEditor } from "@/components/sets/set-editor";
import { SharePanel } from "@/components/sets/share-panel";
import { SetPreview } from "@/components/sets/set-preview";
import { link } from "@/components/ui/styles";

// Per request: the set's owners and viewers only; anyone else gets the same 404 as for a set that does not exist.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Question set" };

export default async function SetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer({ redirectTo: `/sets/${encodeURIComponent(id)}` });
  const set = await getSet(actorForViewer(viewer), id).catch((e: unknown) => {
    if (e instanceof DataError && e.code === "not-found") notFound();
    throw e;
  });
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">{set.title}</h1>
        <Link href={`/sets/${set.id}/results`} className={`${link} ml-auto`}>
          Results ({set.candidateCount})
        </Link>
        <a href={`/api/v1/sets/${set.id}/export?format=gift`} className={link}>
          Export GIFT
        </a>
        <a href={`/api/v1/sets/${set.id}/export?format=markdown`} className={link}>
          Export Markdown
        </a>
      </header>
      <SharePanel setId={set.id} link={set.shareLink} />
      <SetEditor setId={set.id} initial={{ title: set.title, items: set.items, settings: set.settings }} />
      <SetPreview items={set.items.map((i) => i.item)} />
    </div>
  );
}
