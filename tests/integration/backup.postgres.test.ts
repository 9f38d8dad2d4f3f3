// npm run backup with DATABASE_URL: pg_dump's custom format, restored with pg_restore into a fresh database.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, getDb, rawRows } from "@/db/client";
import { tablesInDependencyOrder } from "@/db/copy";
import { seedDemo } from "@/db/seed";
import { config } from "@/lib/config";
import { useTestDatabase } from "../support/database";
import { attachTestFile, insertProcess, insertTask, insertUser } from "../support/fixtures";
import { createDatabase } from "../support/postgres";
import { dropDatabase } from "../support/test-postgres";

const run = promisify(execFile);
const tsx = require.resolve("tsx/cli");
useTestDatabase();
const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-pgdump-"));
let restoredUrl = "";

afterAll(async () => {
  if (restoredUrl) await dropDatabase(restoredUrl);
  fs.rmSync(backupDir, { recursive: true, force: true });
});

async function countsOf(url: string): Promise<Record<string, number>> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const counts: Record<string, number> = {};
    for (const { name } of tablesInDependencyOrder()) {
      const [{ n }] = await rawRows<{ n: number }>(getDb(), sql`SELECT count(*) AS "n" FROM ${sql.identifier(name)}`);
      counts[name] = n;
    }
    return counts;
  } finally {
    process.env.DATABASE_URL = previous;
  }
}

test("npm run backup dumps the PostgreSQL database and its files; pg_restore brings back every row", async () => {
  await seedDemo(new Date("2026-11-20T10:00:00Z"));
  const seller = await insertUser("salesperson");
  const task = await insertTask((await insertProcess(seller.id)).id, seller.id);
  await attachTestFile(task.id, seller.id);
  const sourceUrl = config.databaseUrl;

  const file = path.join(backupDir, "salon.dump");
  const { stdout } = await run(process.execPath, [tsx, "--conditions=react-server", "scripts/backup.ts", file], {
    env: { ...process.env },
  });
  expect(stdout).toContain(`Baza danych:   ${file} (pg_dump`);
  expect(stdout).toContain("pg_restore --no-owner");
  expect(stdout).toContain("(1 plików");
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("PGDMP"); // the custom format's signature
  expect(fs.readdirSync(`${file}-uploads`)).toEqual(fs.readdirSync(config.uploadsDir));

  // Restore as README says: an empty database, then pg_restore.
  const name = `restored_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  restoredUrl = await createDatabase(process.env.TEST_POSTGRES_URL!, name);
  await run("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, file]);

  const before = await countsOf(sourceUrl);
  await closeDb();
  const after = await countsOf(restoredUrl);
  await closeDb();
  expect(before.notes).toBeGreaterThan(10);
  expect(before.task_files).toBe(1);
  expect(after).toEqual(before);
  process.env.DATABASE_URL = sourceUrl;
}, 120_000);

test("npm run backup never writes over an existing backup", async () => {
  const file = path.join(backupDir, "istniejaca.dump");
  fs.writeFileSync(file, "stara kopia");
  await expect(
    run(process.execPath, [tsx, "--conditions=react-server", "scripts/backup.ts", file], { env: { ...process.env } }),
  ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Nie nadpisuję istniejących plików") });
  expect(fs.readFileSync(file, "utf8")).toBe("stara kopia");
}, 60_000);
