import { signInWithProviderAction } from "@/server/actions/oauth";

const NAMES: Record<string, string> = { github: "GitHub", google: "Google" };

/** GitHub / Google buttons, shown only when their credentials are configured. */
export function OAuthButtons({ providers, callbackUrl }: { providers: string[]; callbackUrl: string }) {
  if (!providers.length) return null;
  return (
    <div className="max-w-sm space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400">Or continue with</p>
      {providers.map((p) => (
        <form key={p} action={signInWithProviderAction}>
          <input type="hidden" name="provider" value={p} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="w-full rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {NAMES[p] ?? p}
          </button>
        </form>
      ))}
    </div>
  );
}
