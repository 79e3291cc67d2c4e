// The baseline for `npm run bench -- load`: a bare Next.js app with nothing of Layerwise in it.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
