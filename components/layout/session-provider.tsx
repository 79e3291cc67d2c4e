"use client";
// Auth.js session on the client, so statically generated pages can still show who is signed in.
export { SessionProvider } from "next-auth/react";
