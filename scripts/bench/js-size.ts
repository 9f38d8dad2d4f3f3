// The JavaScript a page ships to the browser: every <script src> under /_next/static, gzip-compressed.
import zlib from "node:zlib";

export type JsSize = { path: string; scripts: number; rawBytes: number; gzipBytes: number; status: number };

export async function shippedJs(baseURL: string, path: string, cookie?: string): Promise<JsSize> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const response = await fetch(baseURL + path, { headers, redirect: "manual" });
  const html = await response.text();
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
    const src = match[1].replace(/&amp;/g, "&");
    if (src.startsWith("/_next/static/")) sources.add(src);
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(baseURL + src)).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { path, scripts: sources.size, rawBytes, gzipBytes, status: response.status };
}
