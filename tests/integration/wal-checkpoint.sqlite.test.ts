import fs from "node:fs";
import Database from "better-sqlite3";
import { closeDb, transaction, type SqliteDb } from "@/db/client";
import { notifications } from "@/db/schema";
import { config } from "@/lib/config";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

// SQLite only: the writer's WAL checkpoints run on a thread of their own (db/checkpointer.mjs), never
// inside a request's COMMIT.

useTestDatabase();

const walFile = () => `${config.databaseFile}-wal`;
const walBytes = () => (fs.existsSync(walFile()) ? fs.statSync(walFile()).size : 0);

async function writeNotifications(userId: number, transactions: number, rowsEach: number) {
  for (let t = 0; t < transactions; t++) {
    await transaction((tx) =>
      tx
        .insert(notifications)
        .values(
          Array.from({ length: rowsEach }, (_, i) => ({
            userId,
            kind: "assigned" as const,
            message: `Wiadomość ${t}/${i} ${"x".repeat(200)}`,
          })),
        )
        .returning({ id: notifications.id }),
    );
  }
}

/** Resolves once the WAL file is empty; the test's timeout bounds the wait. */
async function untilWalIsEmpty() {
  while (walBytes() > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

test("the writer never checkpoints; the background thread moves the WAL into the database and empties it once writes stop", async () => {
  const user = await insertUser("salesperson");
  const autocheckpoint = await transaction(async (tx) =>
    (tx as SqliteDb).$client.pragma("wal_autocheckpoint", { simple: true }),
  );
  expect(autocheckpoint).toBe(0);

  await writeNotifications(user.id, 20, 100); // a few MB of WAL: SQLite's own checkpoint would run at 4 MB
  expect(walBytes()).toBeGreaterThan(0);

  // No request, no transaction from here on: only the checkpointer touches the WAL.
  await untilWalIsEmpty();
  // Every committed row is in the database file itself (an empty WAL holds none).
  const file = new Database(config.databaseFile, { readonly: true, fileMustExist: true });
  try {
    expect(file.prepare("select count(*) from notifications where user_id = ?").pluck().get(user.id)).toBe(2000);
  } finally {
    file.close();
  }

  // Writes after that go on as before.
  await writeNotifications(user.id, 1, 10);
  expect(walBytes()).toBeGreaterThan(0);
}, 30_000);

test("closing the database ends the checkpointer's connection too: the writer closes last and removes the WAL", async () => {
  const user = await insertUser("salesperson");
  await writeNotifications(user.id, 2, 10);
  expect(fs.existsSync(walFile())).toBe(true);

  await closeDb();

  expect(fs.existsSync(walFile())).toBe(false);
  const file = new Database(config.databaseFile, { fileMustExist: true });
  try {
    expect(file.prepare("select count(*) from notifications where user_id = ?").pluck().get(user.id)).toBe(20);
  } finally {
    file.close();
  }
});
