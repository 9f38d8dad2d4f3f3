// The API routes' policy: they answer with data and files, never with a page that runs anything. Pages
// get theirs, with a nonce for Next's scripts, as requests arrive (lib/http/request-stamp.ts).
const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) in CI; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "formidable"],
  // The lead API is served from the Pages Router (pages/api/leads.ts), whose server code imports modules marked
  // `server-only`: bundled, the marker is empty there as in Server Components (required from node_modules at
  // run time, its default entry throws); a client component importing such a module still fails the build.
  transpilePackages: ["server-only"],
  // A page's modules load on its first request instead of all at start: the server starts at 148 MB
  // instead of 196 MB (measured), and pages a dealership never opens cost nothing.
  experimental: { preloadEntriesOnStart: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
    ];
  },
};

export default nextConfig;
