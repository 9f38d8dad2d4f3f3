import http from "node:http";
import net from "node:net";
import { config } from "@/lib/config";

/**
 * The TCP peer of a request, written by the server itself over whatever a client sent under this name.
 * Next's own `X-Forwarded-For` cannot serve: Next fills it from the socket only when the client sent none
 * (`??=` in its base server), so without a proxy in front it is whatever the client claims.
 */
export const SOCKET_ADDRESS_HEADER = "x-salon-crm-socket-address";

const globalForPatch = globalThis as unknown as { salonSocketAddress?: true };

/** Stamps every incoming request with its socket's address (instrumentation.ts calls it at server start). */
export function installSocketAddressHeader(): void {
  if (globalForPatch.salonSocketAddress) return;
  globalForPatch.salonSocketAddress = true;
  type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const emit = http.Server.prototype.emit as Emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

function normalize(address: string): string {
  const trimmed = address.trim();
  // An IPv4 client of a dual-stack socket.
  const plain = trimmed.startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
  return net.isIP(plain) ? plain : "";
}

/**
 * Who is asking, for counting sign-in failures: the socket's address, or with TRUST_PROXY=1 the last
 * address in X-Forwarded-For (the one the reverse proxy appended; earlier ones are the client's own claim).
 */
export function clientAddress(headers: Pick<Headers, "get">, trustProxy = config.trustProxy): string {
  if (trustProxy) {
    const forwarded = normalize(headers.get("x-forwarded-for")?.split(",").at(-1) ?? "");
    if (forwarded) return forwarded;
  }
  return normalize(headers.get(SOCKET_ADDRESS_HEADER) ?? "") || "unknown";
}
