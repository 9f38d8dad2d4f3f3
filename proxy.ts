import { NextResponse, type NextRequest } from "next/server";
import { t } from "@/lib/i18n";

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
 * Turns away form posts (server actions) over the limit with 413, a body without a length with 411 and
 * action calls whose arguments cannot be decoded with 400, before Next reads them, and sends an anonymous
 * visitor's form posts on the app's pages to the sign-in page. It runs only for requests that carry a body
 * or an action call (the matcher below): Next's middleware adapter costs a quarter of a bare page's
 * throughput, so pages are not sent through it. Their security headers are stamped as requests arrive
 * (lib/http/request-stamp.ts), and every page, action and route checks the session itself
 * (lib/auth/session.ts); the redirect is a convenience only.
 */
export async function proxy(request: NextRequest) {
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
  return NextResponse.next();
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

// Every page (actions are posted to pages), not the API routes (uploads have their own limit; their headers
// are in next.config.mjs) nor assets; and of those only requests with a body or an action call. Next reads
// these fields at build time: each must be a literal.
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|manifest.webmanifest).*)",
      has: [{ type: "header", key: "content-length" }],
    },
    {
      source: "/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|manifest.webmanifest).*)",
      has: [{ type: "header", key: "transfer-encoding" }],
    },
    {
      source: "/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|manifest.webmanifest).*)",
      has: [{ type: "header", key: "next-action" }],
    },
  ],
};
