import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { insertUser, useTestDatabase } from "./helpers";

const db = useTestDatabase();

test("a kept statement answers every caller in the shape that caller asked for", () => {
  const user = insertUser("manager", { name: "Ala Kept" });
  const sql = "select id, name from users where id = ?";
  const sqlite = db().$client;

  expect(sqlite.prepare(sql)).toBe(sqlite.prepare(sql));
  expect(sqlite.prepare(sql).raw().get(user.id)).toEqual([user.id, "Ala Kept"]);
  // The next caller of the same SQL gets rows as objects again, not the arrays the last one switched to.
  expect(sqlite.prepare(sql).get(user.id)).toEqual({ id: user.id, name: "Ala Kept" });
  expect(sqlite.prepare(sql).pluck().get(user.id)).toBe(user.id);
  expect(sqlite.prepare(sql).get(user.id)).toEqual({ id: user.id, name: "Ala Kept" });

  // Drizzle reads selected fields in raw mode and whole rows as objects, through the same connection.
  const picked = db().select({ name: users.name }).from(users).where(eq(users.id, user.id)).get();
  const whole = db().select().from(users).where(eq(users.id, user.id)).get();
  expect(picked).toEqual({ name: "Ala Kept" });
  expect(whole).toMatchObject({ id: user.id, name: "Ala Kept", role: "manager" });
});

test("a statement still iterating is not handed to anyone else", () => {
  insertUser("salesperson");
  insertUser("salesperson");
  const sql = "select id from users order by id";
  const sqlite = db().$client;
  const seen: number[] = [];
  for (const row of sqlite.prepare(sql).iterate() as IterableIterator<{ id: number }>) {
    // The same SQL while the first is busy: a fresh statement, which runs to the end on its own.
    seen.push(row.id, (sqlite.prepare(sql).all() as { id: number }[]).length);
  }
  expect(seen.length).toBeGreaterThanOrEqual(4);
});
