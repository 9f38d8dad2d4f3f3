import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/db/client";
import { config } from "@/lib/config";
import { PRIVATE_UMASK } from "./data-dir";
import { demoAccountsRefusal } from "./demo-accounts";

/** What scripts/launch.mjs needs to start next-server, handed over on file descriptor 3. */
export type Launch = {
  args: string[];
  env: Record<string, string>;
  /** The file mode mask the server runs with (DATA_DIR stays private). */
  umask: number;
  readyUrl: string;
  ready: string[];
};

/**
 * Ends a preparation (scripts/start.ts, scripts/demo.ts) run by scripts/launch.mjs: refuses without a
 * production build or while demo accounts open with the demo password (unless ALLOW_DEMO=1), else hands
 * the launcher `next start` on PORT with NEXTAUTH_URL derived from the settings and the server's heap cap,
 * and the lines to print once it answers. The preparation's process then ends, and its memory with it.
 */
export async function handOverToServer(ready: string[], env: Record<string, string> = {}): Promise<never> {
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
  const launch: Launch = {
    args: [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", config.host],
    env: {
      ...env,
      PORT: String(port),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || config.publicUrl,
      NODE_OPTIONS: withMemoryLimits(process.env.NODE_OPTIONS, config.serverHeapMb),
      // glibc gives threads that allocate arenas of their own (up to eight per core) and keeps what was freed
      // in each: two arenas took the server's peak in the whole bench from 324 to 301 MB, at the same speed.
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || "2",
    },
    umask: PRIVATE_UMASK,
    readyUrl: `http://127.0.0.1:${port}/login`,
    ready,
  };
  await closeDb();
  try {
    fs.writeSync(3, JSON.stringify(launch));
  } catch {
    console.error("Uruchom serwer przez: npm start (scripts/launch.mjs)");
    process.exit(1);
  }
  process.exit(0);
}

/**
 * The young generation's semi-space (MB); V8's own is 16 MB under the heap cap. In the whole bench, 8 MB
 * took next-server's peak from 301 MB (16 MB; 308 MB with 12) to 284 and 285 MB in two runs, and cost the
 * pages up to a tenth of their throughput (the panel's, "Moje zadania"'s and "Procesy"'s ratios to the
 * floor 0.21–0.25 → 0.19–0.23). A small VPS runs out of memory before a dealership's staff runs out of
 * pages; NODE_OPTIONS=--max-semi-space-size=16 chooses otherwise.
 */
const SEMI_SPACE_MB = 8;

/**
 * NODE_OPTIONS with the heap cap and the semi-space added, each unless it sets one itself (the bench's
 * one-core run sets the cap); SERVER_HEAP_MB=0 leaves both to Node.
 */
export function withMemoryLimits(options: string | undefined, heapMb: number): string {
  const given = (options ?? "").trim();
  if (!heapMb) return given;
  return [
    given,
    /--max-old-space-size/.test(given) ? "" : `--max-old-space-size=${heapMb}`,
    /--max-semi-space-size/.test(given) ? "" : `--max-semi-space-size=${SEMI_SPACE_MB}`,
  ]
    .filter(Boolean)
    .join(" ");
}
