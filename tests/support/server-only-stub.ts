// Test-only stand-in for the `server-only` guard, which throws outside the React server runtime.
export {};
