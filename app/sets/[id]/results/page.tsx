import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/server/auth";
import { actorForViewer } from "@/server/data/quiz-actor";
import { can } from "@/server/permissions";
import { DataError } from "@/server/data/errors";
import { getSetResults } from "@/server/data/sets";
import { ResultsView } from "@/components/sets/results-view";
import { link } from "@/components/ui/styles";

// Per request: the set's owners and viewers only (the data layer decides); everyone else gets a 404.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Set results" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ candidate?: string | string[] }> };

export default async function SetResultsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { candidate } = await searchParams;
  const viewer = await requireViewer({ redirectTo: `/sets/${encodeURIComponent(id)}/results` });
  const actor = actorForViewer(viewer);
  const results = await getSetResults(actor, id).catch((e: unknown) => {
    if (e instanceof DataError && e.code === "not-found") notFound();
    throw e;
  });
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/sets/${id}`} className={link}>
          ← {results.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Results: {results.title}</h1>
      <ResultsView
        setId={id}
        results={results}
        candidate={typeof candidate === "string" ? candidate : undefined}
        canGrade={can(actor, { type: "set", id }, "set.update")}
      />
    </div>
  );
}
