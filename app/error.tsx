"use client";

// Generic error page: no stack, no message from the server — only the digest to quote to support.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-3" role="alert">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p>The page could not be shown. Nothing you entered was lost.{error.digest ? ` Reference: ${error.digest}.` : ""}</p>
      <button type="button" onClick={reset} className="rounded-md border px-3 py-1">
        Try again
      </button>
    </div>
  );
}
