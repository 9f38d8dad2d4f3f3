import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { t } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: t.common.appName, template: `%s · ${t.common.appName}` },
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
  manifest: "/manifest.webmanifest",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#14213d" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, never prerendered: Next marks its scripts with the request's CSP nonce
  // (lib/http/request-stamp.ts).
  await connection();
  return (
    <html lang="pl">
      <body>{children}</body>
    </html>
  );
}
