import { clientAddress, normalizeAddress, SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

// Which address a request came from: the connection's peer, stamped by the server; X-Forwarded-For only
// behind a proxy the dealership declared (TRUST_PROXY=1), and then its last entry, the one the proxy added.

const headers = (entries: Record<string, string>) => new Headers(entries);
const original = process.env.TRUST_PROXY;
afterEach(() => {
  if (original === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = original;
});

test("without TRUST_PROXY a forged X-Forwarded-For is ignored: the socket's address counts", () => {
  delete process.env.TRUST_PROXY;
  expect(
    clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "::ffff:192.0.2.10", "x-forwarded-for": "198.51.100.1" })),
  ).toBe("192.0.2.10");
  expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
});

test("with TRUST_PROXY=1 the proxy's entry (the last) counts, not what the client put before it", () => {
  process.env.TRUST_PROXY = "1";
  expect(
    clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" })),
  ).toBe("203.0.113.9");
  // A proxy that sent none: the socket again.
  expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": " , " }))).toBe("127.0.0.1");
});

test("addresses are kept as written, IPv4 on a dual-stack socket as IPv4, and never long", () => {
  expect(normalizeAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
  expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
  expect(normalizeAddress("x".repeat(500))).toHaveLength(64);
});
