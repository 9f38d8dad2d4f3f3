import { and, eq, gt, sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { defineStatement, getDb, openDatabase, statementSql, type SqliteDb, type Statement } from "@/db/client";
import { showrooms, users } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { listProcesses } from "@/lib/processes/queries";
import { LIST_FLAGS, LIST_SORTS, parseListFilters } from "@/lib/processes/schema";
import { useTestDatabase } from "../support/database";
import { insertUser, type TestUser } from "../support/fixtures";

// Every statement the app defines, with the shape each call asked for. The list of processes defines its
// statement when its module loads, before this file's own code runs: the record lives in the mock.
type Issued = { build: unknown; shape: Record<string, unknown>; statement: Statement<unknown> };
type Recorder = { issued: Issued[]; factories: Map<unknown, (shape: never) => Statement<unknown>> };
jest.mock("@/db/client", () => {
  const actual = jest.requireActual("@/db/client");
  const recorder: Recorder = { issued: [], factories: new Map() };
  return {
    ...actual,
    recorder,
    defineStatement: (build: unknown) => {
      const statementFor = actual.defineStatement(build);
      const issue = (shape: Record<string, unknown>) => {
        const statement = statementFor(shape);
        recorder.issued.push({ build, shape, statement });
        return statement;
      };
      recorder.factories.set(build, issue);
      return issue;
    },
  };
});
const { recorder } = jest.requireMock<{ recorder: Recorder }>("@/db/client");

useTestDatabase();

type ListShape = { scope: string; owner: string; status: boolean; showroom: boolean; flag: string; sort: string };
const isListShape = (shape: Record<string, unknown>) =>
  Object.keys(shape).sort().join() === "flag,owner,scope,showroom,sort,status";

/** Every shape the list of processes can take, also those no request reaches (own scope by owner). */
const everyShape: ListShape[] = [];
for (const scope of ["own", "showrooms", "all"])
  for (const owner of ["any", "one", "inactive"])
    for (const status of [false, true])
      for (const showroom of [false, true])
        for (const flag of ["", ...LIST_FLAGS])
          for (const sort of LIST_SORTS) everyShape.push({ scope, owner, status, showroom, flag, sort });

type Built = { toSQL(): { sql: string; params: unknown[] } };

/**
 * What a statement asks the database: its SQL and what each "?" is bound to (a placeholder's name or a
 * constant). Two statements with the same text may still bind other values: the salesperson's own
 * processes (`owner_id = :viewer`) and a manager's filter by owner (`owner_id = :owner`).
 */
function conditionOf(build: unknown, shape: ListShape): string {
  const { sql: text, params } = (build as (db: unknown, shape: ListShape) => Built)(getDb(), shape).toSQL();
  const bound = params.map((param) => {
    const named = param as { name?: string; value?: { name?: string } };
    return named.name ?? named.value?.name ?? param;
  });
  return JSON.stringify([text, bound]);
}

describe("the list of processes: one statement per shape", () => {
  let seller: TestUser, otherSeller: TestUser, manager: TestUser, admin: TestUser;
  let showroomId: number;
  beforeAll(async () => {
    [{ id: showroomId }] = await getDb().select({ id: showrooms.id }).from(showrooms);
    seller = await insertUser("salesperson");
    otherSeller = await insertUser("salesperson");
    manager = await insertUser("manager");
    admin = await insertUser("admin");
  });

  /** Runs the list and returns the statement it used for its page, with its build and shape. */
  async function listed(user: TestUser, params: Record<string, string>) {
    const from = recorder.issued.length;
    const list = await listProcesses({ user, filters: parseListFilters(params) });
    expect(list).not.toBeNull();
    const used = recorder.issued.slice(from).filter((call) => isListShape(call.shape));
    expect(used).toHaveLength(1);
    return used[0];
  }

  test("every combination of scope, owner filter, status, showroom, flag and sort is a condition of its own", async () => {
    expect(everyShape).toHaveLength(216);
    // The list's statement as the app defined it, called here with shapes no request reaches too.
    const { build } = await listed(manager, {});
    const statementFor = recorder.factories.get(build) as (shape: ListShape) => Statement<unknown>;

    const statements = new Set<Statement<unknown>>();
    const conditions = new Set<string>();
    for (const shape of everyShape) {
      const statement = statementFor(shape);
      // The same shape again, its keys in another order: the same statement.
      const reordered = Object.fromEntries(Object.entries(shape).reverse()) as ListShape;
      expect(statementFor(reordered)).toBe(statement);
      // The statement holds the SQL its shape builds.
      const condition = conditionOf(build, shape);
      expect(statementSql(statement)).toBe(JSON.parse(condition)[0]);
      statements.add(statement);
      conditions.add(condition);
    }
    expect(statements.size).toBe(216);
    expect(conditions.size).toBe(216);
  });

  test("requests of the same shape share a statement, requests of different shapes never do", async () => {
    const requests: [TestUser, Record<string, string>][] = [];
    for (const status of [undefined, "offer"])
      for (const flag of [undefined, ...LIST_FLAGS])
        for (const sort of LIST_SORTS) {
          const p = { ...(status ? { status } : {}), ...(flag ? { flag } : {}), sort };
          const salon = { ...p, salon: String(showroomId) };
          requests.push([seller, p], [seller, { ...p, owner: String(seller.id) }], [otherSeller, p], [seller, salon]);
          requests.push([manager, p], [admin, p], [manager, { ...p, owner: String(seller.id) }], [manager, salon]);
          requests.push([admin, { ...p, owner: String(otherSeller.id) }], [manager, { ...p, owner: "inactive" }]);
        }

    const statementByShape = new Map<string, Statement<unknown>>();
    const shapeByStatement = new Map<Statement<unknown>, string>();
    const conditions = new Set<string>();
    for (const [user, params] of requests) {
      const { build, shape, statement } = await listed(user, params);
      const key = JSON.stringify(Object.entries(shape).sort());
      if (statementByShape.has(key)) expect(statement).toBe(statementByShape.get(key));
      if (shapeByStatement.has(statement)) expect(shapeByStatement.get(statement)).toBe(key);
      statementByShape.set(key, statement);
      shapeByStatement.set(statement, key);
      conditions.add(conditionOf(build, shape as ListShape));
    }
    // Salespeople: own scope, no owner filter (their own id is none), with and without a showroom; managers:
    // their showrooms, all three owner filters and a showroom; admins: all, no owner filter or one owner.
    // 24 + 48 + 24 shapes, as many statements and conditions.
    expect(statementByShape.size).toBe(96);
    expect(shapeByStatement.size).toBe(96);
    expect(conditions.size).toBe(96);
  });

  test("a salesperson's statement is scoped to its viewer, a manager's to the viewer's showrooms, an admin's is not", async () => {
    const own = await listed(seller, {});
    const showrooms = await listed(manager, {});
    const all = await listed(admin, {});
    expect(own.shape).toMatchObject({ scope: "own", owner: "any" });
    expect(showrooms.shape).toMatchObject({ scope: "showrooms", owner: "any" });
    expect(all.shape).toMatchObject({ scope: "all", owner: "any" });
    expect(own.statement).toBe((await listed(otherSeller, {})).statement);
    expect(showrooms.statement).toBe((await listed(await insertUser("manager"), {})).statement);
    expect(statementSql(own.statement)).toContain('"processes"."owner_id" = ?');
    expect(JSON.parse(conditionOf(own.build, own.shape as ListShape))[1]).toContain("viewer");
    expect(statementSql(showrooms.statement)).toContain(
      '"processes"."showroom_id" in (select "user_showrooms"."showroom_id" from "user_showrooms" where "user_showrooms"."user_id" = ?)',
    );
    expect(JSON.parse(conditionOf(showrooms.build, showrooms.shape as ListShape))[1]).toContain("viewer");
    expect(JSON.parse(conditionOf(all.build, all.shape as ListShape))[1]).not.toContain("viewer");
  });
});

test("a builder that reads anything besides its shape is caught the next time it yields other SQL", async () => {
  const admin = await insertUser("admin", { name: "Ala Kształt" });
  // Read outside the shape: a statement cached under { role } would keep the first call's condition.
  const outside: { after?: number } = {};
  const leaky = defineStatement((db, { role }: { role: Role }) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.role, role), outside.after === undefined ? undefined : gt(users.id, sql.placeholder("after"))),
      ),
  );
  expect(await leaky({ role: "admin" }).all()).toContainEqual({ id: admin.id });
  expect(config.isTest).toBe(true);
  outside.after = admin.id;
  expect(() => leaky({ role: "admin" })).toThrow("A statement's shape yields other SQL than its cached statement");

  // The same query with everything that changes its SQL in the shape: each shape its own statement.
  const sound = defineStatement((db, { role, after }: { role: Role; after: boolean }) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, role), after ? gt(users.id, sql.placeholder("after")) : undefined)),
  );
  expect(await sound({ role: "admin", after: false }).all()).toContainEqual({ id: admin.id });
  expect(await sound({ role: "admin", after: true }).all({ after: admin.id })).toEqual([]);
  expect(sound({ role: "admin", after: true })).not.toBe(sound({ role: "admin", after: false }));
  expect(sound({ role: "admin", after: true })).toBe(sound({ role: "admin", after: true }));
});

test("a builder that binds another value with the same SQL text is caught too", async () => {
  const admin = await insertUser("admin", { name: "Ala Wiązanie" });
  // `owner_id = :viewer` and `owner_id = :owner` read the same as SQL; which value fills the "?" is
  // part of the condition all the same (a salesperson's own processes, a manager's owner filter).
  const outside = { bound: "viewer" };
  const leaky = defineStatement((db, { role }: { role: Role }) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, role), eq(users.id, sql.placeholder(outside.bound)))),
  );
  expect(await leaky({ role: "admin" }).all({ viewer: admin.id })).toEqual([{ id: admin.id }]);
  outside.bound = "owner";
  expect(() => leaky({ role: "admin" })).toThrow("A statement's shape yields other SQL than its cached statement");
});

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
