import Link from "next/link";
import { connection } from "next/server";

// Rendered per request, never prebuilt: a 404 under a nonce-protected route (/settings/anything) gets
// that route's nonce policy from proxy.ts, and only a per-request render can stamp the nonce on its scripts.
export default async function NotFound() {
  await connection();
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
