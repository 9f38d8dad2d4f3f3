import { config } from "@/lib/config";

/**
 * The one rule for "which address did this request come from" (sign-in counting, "Dziennik zdarzeń"): the
 * TCP peer of the connection; with TRUST_PROXY=1, the address the reverse proxy appended to
 * X-Forwarded-For (its last entry: whatever the client sent itself comes before it). Next gives route
 * handlers and actions no socket, so the server stamps each request's peer into a header of its own as the
 * request arrives (`stampRequests`, lib/http/request-stamp.ts), overwriting any such header a client sent.
 */
export const SOCKET_ADDRESS_HEADER = "x-salon-socket-address";

type HeaderSource = Pick<Headers, "get">;

export function clientAddress(headers: HeaderSource): string | null {
  if (config.trustProxy) {
    const forwarded = headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const last = forwarded?.at(-1);
    if (last) return normalizeAddress(last);
  }
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  return socket ? normalizeAddress(socket) : null;
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1; anything else is kept, at most 64 characters. */
export function normalizeAddress(address: string): string {
  const plain = address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return plain.slice(0, 64);
}

/** The client address of the request being served (an action or a route), or null outside one (scripts, tests). */
export async function requestClientAddress(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return clientAddress(await headers());
  } catch {
    return null;
  }
}
