import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends anonymous visitors of the app's pages to the sign-in page. This is a convenience only: every
 * page, action and route checks the session itself (lib/auth/session.ts).
 */
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((cookie) => cookie.name.endsWith("salon-crm.session-token"));
  if (!hasSession) return NextResponse.redirect(new URL("/login", request.url));
  return NextResponse.next();
}

export const config = {
  matcher: ["/procesy/:path*", "/zadania/:path*", "/kalendarz/:path*", "/statystyki/:path*", "/powiadomienia/:path*", "/uzytkownicy/:path*"],
};
