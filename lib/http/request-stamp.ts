import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { config } from "@/lib/config";
import { SOCKET_ADDRESS_HEADER } from "./client-address";
import { newNonce, pageSecurityHeaders } from "./security-headers";

/** What is not a page: the API routes (their own policy, next.config.mjs), Next's assets and the public files. */
const NOT_A_PAGE = /^\/(?:api\/|_next\/|favicon\.ico|icon\.svg|robots\.txt|manifest\.webmanifest)/;

const globalForStamp = globalThis as unknown as { salonRequestStamp?: true };

/**
 * Stamps every request as it arrives, before Next reads it (Node's http diagnostics channel, subscribed
 * once from instrumentation.ts): its TCP peer into SOCKET_ADDRESS_HEADER (lib/http/client-address.ts),
 * overwriting any such header a client sent; and a page's security headers with a fresh nonce, on the
 * response and in the request's Content-Security-Policy, where Next reads the nonce to mark its scripts.
 * Done here rather than in proxy.ts: Next's middleware adapter around it cost a quarter of a bare page's
 * throughput (measured), so proxy.ts keeps only the checks of request bodies.
 */
export function stampRequests(): void {
  if (globalForStamp.salonRequestStamp) return;
  globalForStamp.salonRequestStamp = true;
  const https = config.publicUrl.startsWith("https:");
  const development = config.isDevelopment;
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as {
      request: IncomingMessage;
      response: ServerResponse;
      socket: Socket;
    };
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "";
    if (NOT_A_PAGE.test(request.url ?? "/")) return;
    const security = pageSecurityHeaders({ nonce: newNonce(), https, development });
    request.headers["content-security-policy"] = security["Content-Security-Policy"];
    for (const [name, value] of Object.entries(security)) response.setHeader(name, value);
  });
}
