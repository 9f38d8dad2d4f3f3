import fs from "node:fs";
import { stopTestPostgres } from "../../support/test-postgres";

export default async function globalTeardown() {
  const server = (globalThis as { e2eServer?: { pid: number; dataDir: string } }).e2eServer;
  if (server) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    if (!process.env.E2E_KEEP_DATA) fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  await stopTestPostgres();
}
