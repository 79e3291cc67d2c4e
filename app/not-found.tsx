import Link from "next/link";

// Prebuilt: Next renders this page into every route's tree, so a per-request 404 (`connection()` here) made
// every page of the site dynamic, home and question pages included (issue 14). A 404 under a nonce-protected
// route (/settings/anything) gets the static policy from scripts/serve.mjs instead (lib/not-found-csp.mjs).
export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>
        There is nothing at this address.{" "}
        <Link href="/questions" className="underline">
          Browse the questions
        </Link>
        .
      </p>
    </div>
  );
}
