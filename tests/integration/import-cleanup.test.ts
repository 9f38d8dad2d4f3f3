import fs from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { imports } from "@/db/schema";
import { config } from "@/lib/config";
import { removeAbandonedImports } from "@/lib/import/cleanup";
import { runBackgroundPass } from "@/lib/notifications/worker";
import { useTestDatabase } from "../support/database";
import { insertImport, insertUser } from "../support/fixtures";

const db = useTestDatabase();

const HOUR = 60 * 60_000;

/** A file in the imports folder, last written `ageMs` before `now`. */
function importFile(now: Date, ageMs: number): string {
  fs.mkdirSync(config.importsDir, { recursive: true });
  const name = crypto.randomUUID();
  const file = path.join(config.importsDir, name);
  fs.writeFileSync(file, "Nazwisko\nNowak\n");
  const at = new Date(now.getTime() - ageMs);
  fs.utimesSync(file, at, at);
  return name;
}
const exists = (name: string) => fs.existsSync(path.join(config.importsDir, name));

async function remainingImports(ids: number[]) {
  const rows = await db().select({ id: imports.id }).from(imports).where(inArray(imports.id, ids));
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

test("imports left at their preview for more than 24 h go, row and file; younger ones, started ones and uploads in progress stay", async () => {
  const now = new Date();
  const user = await insertUser("manager");
  const made = async (state: "uploaded" | "done" | "failed", ageMs: number) => {
    const storedName = importFile(now, ageMs);
    const row = await insertImport({ userId: user.id, storedName, state, createdAt: new Date(now.getTime() - ageMs) });
    return { id: row.id, storedName };
  };
  const abandoned = await made("uploaded", 25 * HOUR);
  const fresh = await made("uploaded", 23 * HOUR);
  const finished = await made("done", 48 * HOUR);
  const oldOrphan = importFile(now, 25 * HOUR);
  const uploading = importFile(now, 60_000);

  expect(await removeAbandonedImports(now)).toEqual({ imports: 1, orphans: 1 });

  expect(await remainingImports([abandoned.id, fresh.id, finished.id])).toEqual([fresh.id, finished.id]);
  expect(exists(abandoned.storedName)).toBe(false);
  expect(exists(oldOrphan)).toBe(false);
  expect(exists(fresh.storedName)).toBe(true);
  expect(exists(finished.storedName)).toBe(true);
  expect(exists(uploading)).toBe(true);
  // Nothing more the second time.
  expect(await removeAbandonedImports(now)).toEqual({ imports: 0, orphans: 0 });
});

test("the background pass runs it", async () => {
  const now = new Date();
  const user = await insertUser("manager");
  const storedName = importFile(now, 30 * HOUR);
  const row = await insertImport({ userId: user.id, storedName, createdAt: new Date(now.getTime() - 30 * HOUR) });
  const log = jest.spyOn(console, "error");
  await runBackgroundPass(now);
  expect(log).not.toHaveBeenCalled();
  log.mockRestore();
  expect(await remainingImports([row.id])).toEqual([]);
  expect(exists(storedName)).toBe(false);
});
