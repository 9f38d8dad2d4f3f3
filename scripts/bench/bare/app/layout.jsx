// The floor of `npm run bench`: the smallest dynamic Next.js app, built with the project's own Next.
export default function RootLayout({ children }) {
  return (
    <html lang="pl">
      <body>{children}</body>
    </html>
  );
}
