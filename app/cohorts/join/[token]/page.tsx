import type { Metadata } from "next";
import { requireViewer } from "@/server/auth";
import { JoinLinkButton } from "@/components/cohorts/cohort-forms";
import { muted } from "@/components/ui/styles";

// Per request: joining needs an account, so signing in comes first (and returns here). The token is checked
// when the button is pressed (joinCohortByToken); the page itself reveals nothing about the cohort.
export const dynamic = "force-dynamic";

// The token is in this page's address: never send it onwards in a Referer.
export const metadata: Metadata = { title: "Join a cohort", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function JoinPage({ params }: Props) {
  const { token } = await params;
  await requireViewer({ redirectTo: `/cohorts/join/${encodeURIComponent(token)}` });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Join a cohort</h1>
      <p className={muted}>
        You were invited to a cohort. Joining makes you a student of it: its instructors will see your assignment work.
      </p>
      <JoinLinkButton token={token.slice(0, 100)} />
    </div>
  );
}
