import { eq } from "drizzle-orm";
import { config } from "@/lib/config";
import { openDatabase, type SqliteDb } from "@/db/client";
import { users } from "@/db/schema";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

// SQLite only: the connection keeps better-sqlite3's compiled statements by their SQL (db/sqlite.ts).
// PostgreSQL prepares named statements instead (tests/integration/data-layer.test.ts).

useTestDatabase();

describe("the connection's kept statements (SQLite's own)", () => {
  let db: SqliteDb;
  beforeAll(() => {
    db = openDatabase(config.databaseFile);
  });
  afterAll(() => db.$client.close());

  test("a kept statement answers every caller in the shape that caller asked for", async () => {
    const user = await insertUser("manager", { name: "Ala Kept" });
    const query = "select id, name from users where id = ?";
    const sqlite = db.$client;

    expect(sqlite.prepare(query)).toBe(sqlite.prepare(query));
    expect(sqlite.prepare(query).raw().get(user.id)).toEqual([user.id, "Ala Kept"]);
    // The next caller of the same SQL gets rows as objects again, not the arrays the last one switched to.
    expect(sqlite.prepare(query).get(user.id)).toEqual({ id: user.id, name: "Ala Kept" });
    expect(sqlite.prepare(query).pluck().get(user.id)).toBe(user.id);
    expect(sqlite.prepare(query).get(user.id)).toEqual({ id: user.id, name: "Ala Kept" });

    // Drizzle reads selected fields in raw mode and whole rows as objects, through the same connection.
    const [picked] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    const [whole] = await db.select().from(users).where(eq(users.id, user.id));
    expect(picked).toEqual({ name: "Ala Kept" });
    expect(whole).toMatchObject({ id: user.id, name: "Ala Kept", role: "manager" });
  });

  test("a statement still iterating is not handed to anyone else", async () => {
    await insertUser("salesperson");
    await insertUser("salesperson");
    const query = "select id from users order by id";
    const sqlite = db.$client;
    const seen: number[] = [];
    for (const row of sqlite.prepare(query).iterate() as IterableIterator<{ id: number }>) {
      // The same SQL while the first is busy: a fresh statement, which runs to the end on its own.
      seen.push(row.id, (sqlite.prepare(query).all() as { id: number }[]).length);
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
