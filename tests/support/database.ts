// Which database a test's fixtures and queries use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb, migrateDatabase } from "@/db/client";

/**
 * A fresh database with the real migrations for this test file: call at the top of a file or describe.
 * Returns a getter for reads, since the database opens in beforeAll (writes go through `transaction`).
 */
export function useTestDatabase() {
  let dir = "";
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-test-"));
    process.env.DATA_DIR = dir;
    await migrateDatabase();
  });
  afterAll(() => {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => getDb();
}

/** Fixtures and reads of an end-to-end test go to the database of the server under test. */
export function useServerDatabase(dataDir: string | undefined = process.env.E2E_DATA_DIR): void {
  if (!dataDir)
    throw new Error("No server data folder: run e2e tests through jest (tests/e2e/support/global-setup.ts)");
  process.env.DATA_DIR = dataDir;
}
