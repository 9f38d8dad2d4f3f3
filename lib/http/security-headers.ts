/**
 * The headers that depend on the request or on the settings, stamped on every page as its request
 * arrives (request-stamp.ts): a strict Content-Security-Policy with this response's nonce (Next puts it on
 * its own scripts and styles; what those scripts load is trusted through 'strict-dynamic'), and HSTS when
 * the server is reached over https.
 * The fixed ones (X-Frame-Options, nosniff, …) are in next.config.mjs, for every path.
 */
export function pageSecurityHeaders({
  nonce,
  https,
  development = false,
}: {
  nonce: string;
  https: boolean;
  /** `next dev` only: React rebuilds server errors' stacks in the browser with eval. */
  development?: boolean;
}): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  const headers: Record<string, string> = { "Content-Security-Policy": policy };
  if (https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** 128 random bits, base64: unguessable and new for every response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
