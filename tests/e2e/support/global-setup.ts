import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../support/net";
import { ADMIN, chromiumPath } from "./chromium";

/** Starts the production build (npm start's launcher) on a temporary DATA_DIR for the e2e tests. */
export default async function globalSetup() {
  chromiumPath();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID")))
    throw new Error(`No production build in ${distDir}: run next build first (npm test does)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-e2e-"));
  const port = await freePort();
  const log = fs.openSync(path.join(dataDir, "server.log"), "a");
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ADMIN_NAME: "Adam Admin",
      BCRYPT_COST: "4",
      REMINDER_POLL_MS: process.env.REMINDER_POLL_MS ?? "1000",
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`${baseURL}/login`);
      if (response.ok) break;
    } catch {
      // starting
    }
    if (child.exitCode !== null || i > 600) {
      throw new Error(`The test server did not start:\n${fs.readFileSync(path.join(dataDir, "server.log"), "utf8")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_DATA_DIR = dataDir;
  (globalThis as { e2eServer?: { pid: number; dataDir: string } }).e2eServer = { pid: child.pid!, dataDir };
}
