// Auth.js endpoints (session, CSRF token, OAuth callbacks, sign-out).
export { GET, POST } from "@/server/auth-handlers";
