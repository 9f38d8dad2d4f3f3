import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { defineStatement, dialect, forUpdate, rawRows, transaction, type Executor } from "@/db/client";
import { processes, tasks, users } from "@/db/schema";
import { onPostgres, useTestDatabase } from "../support/database";
import { insertProcess, insertTask, insertUser } from "../support/fixtures";

// The data layer's promises to the domain, on whichever database this run tests: the same queries,
// written once over db/schema.ts, mean the same on both.

const db = useTestDatabase();

const tasksDueAt = defineStatement((db) =>
  db
    .select({ id: tasks.id, allDay: tasks.allDay, dueAt: tasks.dueAt })
    .from(tasks)
    .where(and(eq(tasks.dueAt, sql.placeholder("dueAt")), eq(tasks.allDay, sql.placeholder("allDay")))),
);

test("DATABASE_URL selects PostgreSQL, its absence SQLite", async () => {
  expect(dialect()).toBe(onPostgres ? "postgres" : "sqlite");
  const [row] = await rawRows<{ answer: number }>(db(), sql`SELECT 40 + 2 AS "answer"`);
  expect(row).toEqual({ answer: 42 });
});

test("instants (to the millisecond) and booleans are stored and found as they were: literal values and placeholders", async () => {
  const owner = await insertUser();
  const { id: processId } = await insertProcess(owner.id);
  const dueAt = new Date("2026-07-01T08:15:30.123Z");
  const task = await insertTask(processId, owner.id, { allDay: true, dueAt, startAt: null, endAt: null });
  expect(task).toMatchObject({ allDay: true, dueAt, doneAt: null });

  const [found] = await db()
    .select({ id: tasks.id, allDay: tasks.allDay, dueAt: tasks.dueAt })
    .from(tasks)
    .where(and(eq(tasks.dueAt, dueAt), eq(tasks.allDay, true)));
  expect(found).toEqual({ id: task.id, allDay: true, dueAt });
  expect(await tasksDueAt({}).all({ dueAt, allDay: true })).toEqual([found]);
  expect(await tasksDueAt({}).all({ dueAt, allDay: false })).toEqual([]);
  expect(await tasksDueAt({}).all({ dueAt: new Date(dueAt.getTime() + 1), allDay: true })).toEqual([]);

  const doneAt = new Date("2026-07-02T10:00:00.001Z");
  await transaction((tx) => tx.update(tasks).set({ state: "done", doneAt }).where(eq(tasks.id, task.id)));
  const [done] = await db().select().from(tasks).where(eq(tasks.id, task.id));
  expect(done).toMatchObject({ state: "done", doneAt, allDay: true });
});

test("a table joined under another name (an alias) reads that copy of the table", async () => {
  const owner = await insertUser("salesperson", { name: "Olga Właścicielka" });
  const creator = await insertUser("manager", { name: "Kamil Twórca" });
  const { id } = await insertProcess(owner.id);
  await transaction((tx) => tx.update(processes).set({ createdById: creator.id }).where(eq(processes.id, id)));
  const owners = alias(users, "owners");
  const [row] = await db()
    .select({ owner: owners.name, creator: users.name })
    .from(processes)
    .innerJoin(owners, eq(owners.id, processes.ownerId))
    .innerJoin(users, eq(users.id, processes.createdById))
    .where(eq(processes.id, id));
  expect(row).toEqual({ owner: "Olga Właścicielka", creator: "Kamil Twórca" });
});

test("hand-written SQL: rows named by their quoted aliases, counts and sums as numbers", async () => {
  await insertUser();
  await insertUser();
  const ids = (await db().select({ id: users.id }).from(users)).map((user) => user.id);
  const sum = ids.reduce((total, id) => total + id, 0);
  const [row] = await rawRows<Record<string, unknown>>(
    db(),
    sql`SELECT count(*) AS "userCount", sum(id) AS "idSum", avg(id) AS "average" FROM users`,
  );
  expect(row).toEqual({ userCount: ids.length, idSum: sum, average: sum / ids.length });
});

test("a transaction is all or nothing, and one inside another is refused", async () => {
  const owner = await insertUser();
  const failing = transaction(async (tx) => {
    await tx.update(users).set({ name: "Zmieniony" }).where(eq(users.id, owner.id));
    throw new Error("after the update");
  });
  await expect(failing).rejects.toThrow("after the update");
  const [unchanged] = await db().select({ name: users.name }).from(users).where(eq(users.id, owner.id));
  expect(unchanged.name).toBe(owner.name);

  await expect(transaction(() => transaction(async () => undefined))).rejects.toThrow(
    "transaction() inside a transaction: pass the caller's tx instead",
  );
});

const renameUser = defineStatement((db) =>
  db
    .update(users)
    .set({ name: sql`${sql.placeholder("name")}` })
    .where(eq(users.id, sql.placeholder("id")))
    .returning({ id: users.id, name: users.name }),
);
const lockedProcess = defineStatement((db) =>
  forUpdate(
    db
      .select({ status: processes.status })
      .from(processes)
      .where(eq(processes.id, sql.placeholder("id"))),
  ),
);

test("a statement given the transaction's tx runs in it: it sees the transaction's writes and is undone with it", async () => {
  const owner = await insertUser();
  const renamed = await transaction(async (tx) => {
    const [row] = await renameUser({}, tx).all({ id: owner.id, name: "Przemianowany" });
    const [seen] = await tx.select({ name: users.name }).from(users).where(eq(users.id, owner.id));
    return { row, seen };
  });
  expect(renamed).toEqual({ row: { id: owner.id, name: "Przemianowany" }, seen: { name: "Przemianowany" } });

  const failing = transaction(async (tx) => {
    await renameUser({}, tx).all({ id: owner.id, name: "Cofnięty" });
    expect(await tx.select({ name: users.name }).from(users).where(eq(users.id, owner.id))).toEqual([
      { name: "Cofnięty" },
    ]);
    throw new Error("after the update");
  });
  await expect(failing).rejects.toThrow("after the update");
  const [kept] = await db().select({ name: users.name }).from(users).where(eq(users.id, owner.id));
  expect(kept.name).toBe("Przemianowany");
});

const readForUpdate = {
  "by a query": async (tx: Executor, id: number) =>
    (await forUpdate(tx.select().from(processes).where(eq(processes.id, id))))[0],
  "by a statement given the tx": (tx: Executor, id: number) => lockedProcess({}, tx).get({ id }),
};

test.each(Object.keys(readForUpdate) as (keyof typeof readForUpdate)[])(
  "a row read for update (%s) stays held: a second transaction reads it only after the first commits",
  async (way) => {
    const read = readForUpdate[way];
    const owner = await insertUser();
    const { id } = await insertProcess(owner.id, { status: "new" });
    const order: string[] = [];
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (locked = resolve));
    const first = transaction(async (tx) => {
      await read(tx, id);
      locked();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.update(processes).set({ status: "offer" }).where(eq(processes.id, id));
      order.push("first commits");
    });
    await held;
    const second = transaction(async (tx) => {
      const process = await read(tx, id);
      order.push(`second reads ${process?.status}`);
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["first commits", "second reads offer"]);
  },
);
