// A prebuilt page of about the size of Layerwise's home page.
export default function Page() {
  return (
    <main>
      <h1>Bare Next.js page</h1>
      {Array.from({ length: 40 }, (_, i) => (
        <p key={i}>Paragraph {i}: the framework's ceiling for a prerendered page on this machine.</p>
      ))}
    </main>
  );
}
