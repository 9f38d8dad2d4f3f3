import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../support/server";
import { onPostgres, startTestPostgres, templateCopy } from "../../support/test-postgres";
import { chromiumPath } from "./chromium";

/**
 * Starts the production build (npm start's launcher) on a temporary DATA_DIR for the e2e tests; on the
 * PostgreSQL run (TEST_DB=postgres) with a database of the run's cluster as its DATABASE_URL.
 */
export default async function globalSetup() {
  chromiumPath();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID")))
    throw new Error(`No production build in ${distDir}: run npm run build first (npm test does)`);
  if (onPostgres) await startTestPostgres();
  const databaseUrl = onPostgres ? await templateCopy("e2e") : "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-e2e-"));
  const server = await startServer({
    dataDir,
    databaseUrl,
    env: { REMINDER_POLL_MS: process.env.REMINDER_POLL_MS ?? "1000" },
  });
  process.env.E2E_BASE_URL = server.baseURL;
  process.env.E2E_DATA_DIR = dataDir;
  process.env.E2E_DATABASE_URL = databaseUrl;
  (globalThis as { e2eServer?: { pid: number; dataDir: string } }).e2eServer = { pid: server.pid, dataDir };
}
