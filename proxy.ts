import { NextResponse, type NextRequest } from "next/server";
import { t } from "@/lib/i18n";
import { config as settings } from "@/lib/config";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

/** What a form may send (Next's limit for server actions, whose overrun it answers with a 500 instead of a 413). */
export const FORM_BODY_LIMIT = 1024 * 1024;

/** Route handlers that stream a file to disk under a limit of their own (IMPORT_MAX_MB), not FORM_BODY_LIMIT. */
const STREAMED_UPLOAD_PATHS = ["/procesy/import/plik"];

const CRM_PATHS = [
  "/procesy",
  "/zadania",
  "/kalendarz",
  "/statystyki",
  "/powiadomienia",
  "/uzytkownicy",
  "/klienci",
  "/dziennik",
  "/ustawienia",
  "/salony",
  "/konto",
  "/zrodla-leadow",
  "/flota",
];

/**
 * Gives every page its security headers with a fresh CSP nonce (also passed on to the request, where Next
 * reads it to mark its scripts), turns away form posts (server actions) over the limit with 413 and
 * action calls whose arguments cannot be decoded with 400, and sends anonymous visitors of the app's
 * pages to the sign-in page. The latter is a convenience only: every page, action and route checks the
 * session itself (lib/auth/session.ts).
 */
export async function proxy(request: NextRequest) {
  const security = pageSecurityHeaders({
    nonce: newNonce(),
    https: settings.publicUrl.startsWith("https:"),
    development: settings.isDevelopment,
  });
  const response = await route(request, security);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

async function route(request: NextRequest, security: Record<string, string>): Promise<NextResponse> {
  if (request.method === "POST") {
    const length = request.headers.get("content-length");
    // The unread body must not be taken for the next request on this connection: close it.
    if (length === null && request.body) return refusal(t.common.http.lengthRequired, 411);
    if (Number(length) > FORM_BODY_LIMIT && !STREAMED_UPLOAD_PATHS.includes(request.nextUrl.pathname))
      return refusal(t.common.http.tooLarge, 413);
    if (request.headers.has("next-action") && !(await decodableArguments(request)))
      return refusal(t.common.http.badRequest, 400);
  }
  const { pathname } = request.nextUrl;
  const crm = CRM_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  const hasSession = request.cookies.getAll().some((cookie) => cookie.name.endsWith("salon-crm.session-token"));
  if (crm && !hasSession) return NextResponse.redirect(new URL("/login", request.url));
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", security["Content-Security-Policy"]);
  return NextResponse.next({ request: { headers } });
}

/** A refusal in Polish; the connection closes, since the request's unread body must not be taken for the next request. */
function refusal(message: string, status: number): NextResponse {
  return new NextResponse(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}

/**
 * Whether an action call's arguments are what React's client sends: a JSON array (or object) in the body,
 * or in the form field "0" of a multipart body. Next answers anything else with a 500, before any app code
 * runs. The body stays readable for Next: it buffers what the proxy reads.
 */
async function decodableArguments(request: NextRequest): Promise<boolean> {
  try {
    const multipart = request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data");
    const root = multipart ? (await request.formData()).get("0") : await request.text();
    if (typeof root !== "string") return false;
    const args: unknown = JSON.parse(root);
    return typeof args === "object" && args !== null;
  } catch {
    return false;
  }
}

export const config = {
  // Every page (actions are posted to pages), not the API routes (uploads have their own limit; their
  // headers are in next.config.mjs) nor assets.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|manifest.webmanifest).*)"],
};
