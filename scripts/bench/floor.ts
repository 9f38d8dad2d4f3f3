// The floor of `npm run bench`: a one-page Next.js app (scripts/bench/bare: one <h1> and a timestamp,
// rendered per request), built with the project's own Next and bundler (webpack, as `npm run build` builds
// the app) once and kept; rebuilt only when the Next version or the bare app's sources change (their hash is
// kept in its .next). It runs next to the app's server and takes its turn in the same rotation, so every page
// is compared with what Next itself costs.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "@/tests/support/net";
import { waitUntilAnswering, type RunningServer } from "@/tests/support/server";

export const BARE_DIR = path.join(__dirname, "bare");
const HASH_FILE = path.join(BARE_DIR, ".next", "bench-source-hash");

function nextBin(): string {
  return require.resolve("next/dist/bin/next");
}

/** The Next version and the bare app's sources: what its build depends on. */
function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const nextPackage = JSON.parse(fs.readFileSync(require.resolve("next/package.json"), "utf8")) as { version: string };
  hash.update(`next ${nextPackage.version}\n`);
  const files = ["next.config.mjs", ...fs.readdirSync(path.join(BARE_DIR, "app")).map((name) => `app/${name}`)];
  for (const file of files.sort()) hash.update(`${file}\n`).update(fs.readFileSync(path.join(BARE_DIR, file)));
  return hash.digest("hex");
}

/** Builds the bare app unless its build matches the current Next and sources. */
export function ensureBareBuild(): void {
  const wanted = sourceHash();
  const built = fs.existsSync(path.join(BARE_DIR, ".next", "BUILD_ID")) && fs.existsSync(HASH_FILE);
  if (built && fs.readFileSync(HASH_FILE, "utf8").trim() === wanted) return;
  console.log("Building the bare Next.js page (the floor; kept for later runs)…");
  const { NEXT_DIST_DIR: _ignored, ...env } = process.env;
  // With webpack: Turbopack's root is the project's (its lockfile), and it bundles the project's own
  // instrumentation.ts (the background loop) into any app below it.
  const result = spawnSync(process.execPath, [nextBin(), "build", "--webpack"], {
    cwd: BARE_DIR,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build of the bare page failed");
  fs.writeFileSync(HASH_FILE, wanted + "\n");
}

/** `next start` of the bare app on a free loopback port, in its own process group. */
export async function startBare(logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const log = fs.openSync(logFile, "a");
  const { NEXT_DIST_DIR: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: BARE_DIR,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const server = { child, pid: child.pid!, baseURL: `http://127.0.0.1:${port}`, port, logFile };
  await waitUntilAnswering(server, "/");
  return server;
}
