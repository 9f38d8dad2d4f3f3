import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { demoAccountsRefusal } from "./demo-accounts";

/**
 * Starts `next start` on PORT with NEXTAUTH_URL derived from the settings; resolves when it answers. Refuses
 * while demo accounts open with the demo password (unless ALLOW_DEMO=1).
 */
export async function serveProductionBuild(): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`Brak zbudowanej aplikacji (${distDir}). Uruchom najpierw: npm run build`);
    process.exit(1);
  }
  const refusal = await demoAccountsRefusal();
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  const port = config.port;
  const host = config.host;
  const env = {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || config.publicUrl,
    NODE_OPTIONS: withHeapCap(process.env.NODE_OPTIONS, config.serverHeapMb),
  };
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", host], { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return waitUntilUp(`http://127.0.0.1:${port}/login`);
}

/** NODE_OPTIONS with the heap cap added, unless it sets one itself (the bench's one-core run does). */
export function withHeapCap(options: string | undefined, heapMb: number): string {
  const given = (options ?? "").trim();
  if (!heapMb || /--max-old-space-size/.test(given)) return given;
  return `${given} --max-old-space-size=${heapMb}`.trim();
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Serwer nie odpowiada pod ${url}`);
}
