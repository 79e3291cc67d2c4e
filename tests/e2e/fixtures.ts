import { test as base, type Page } from "@playwright/test";
import { e2eUser, E2E_POOL_SIZE, type E2eUser } from "./sessions";

export { expect } from "@playwright/test";

// Each worker process takes its own slice of the pool; a worker restarted after a failure gets a new index.
const PER_WORKER = 20;
let taken = 0;

/**
 * `signIn(page?)` signs a fresh test user in by giving the browser context a session cookie for a
 * session row that already exists (tests/e2e/sessions.ts) — no sign-up form, no password hashing.
 * Specs about signing up or in themselves still use the form (support.ts `signUp`).
 */
export const test = base.extend<{ signIn: (page?: Page) => Promise<E2eUser> }>({
  signIn: async ({ page, baseURL }, use, testInfo) => {
    await use(async (target = page) => {
      const secret = process.env.E2E_SESSION_SECRET;
      if (!secret) throw new Error("E2E_SESSION_SECRET is not set: run the e2e tests through playwright.config.ts");
      const index = testInfo.workerIndex * PER_WORKER + taken++;
      if (taken > PER_WORKER || index >= E2E_POOL_SIZE)
        throw new Error(`the e2e user pool is used up (worker ${testInfo.workerIndex}, ${taken} taken)`);
      const user = e2eUser(secret, index);
      // AUTH_URL is http://localhost in e2e runs, so Auth.js uses the unprefixed cookie name (server/auth.ts).
      await target
        .context()
        .addCookies([{ name: "authjs.session-token", value: user.sessionToken, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
      return user;
    });
  },
});
