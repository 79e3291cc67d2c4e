"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <main style={{ fontFamily: "system-ui", padding: "2rem" }}>
          <h1>Something went wrong</h1>
          <p>Please reload the page.{error.digest ? ` Reference: ${error.digest}.` : ""}</p>
        </main>
      </body>
    </html>
  );
}
