import Link from "next/link";
import { link } from "@/components/ui/styles";

/** What a guest sees on a page that needs an account: why, and that nothing done so far is lost. */
export function SignInReason({ title, why, next }: { title: string; why: string; next: string }) {
  const q = `?callbackUrl=${encodeURIComponent(next)}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p>{why}</p>
      <p>
        What you did as a guest in this browser — quiz attempts, key points you ticked, lab runs and predictions — is kept and offered for
        import when you{" "}
        <Link href={`/signup${q}`} className={link}>
          create an account
        </Link>{" "}
        or{" "}
        <Link href={`/signin${q}`} className={link}>
          sign in
        </Link>
        .
      </p>
    </div>
  );
}
