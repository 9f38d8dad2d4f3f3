import path from "node:path";
import Database from "better-sqlite3";
import { serverPasswordHash } from "./password-hash";

/**
 * Rows inserted straight into the test server's database (E2E_DATA_DIR), for what another part of the UI
 * creates (processes, notes, tasks).
 */
export function openServerDb(): Database.Database {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run e2e tests through jest");
  const db = new Database(path.join(dir, "salon-crm.sqlite"));
  db.pragma("busy_timeout = 5000");
  return db;
}

/** The server's database for a test file: opened before its tests, closed after them. */
export function useServerDb(): () => Database.Database {
  let db: Database.Database | undefined;
  beforeAll(() => {
    db = openServerDb();
  });
  afterAll(() => db?.close());
  return () => db!;
}

let counter = 0;
const unique = () => `${Date.now()}-${++counter}-${Math.floor(Math.random() * 1e6)}`;

/** The first showroom, which every installation has: where rows written straight into the database go. */
export const FIRST_SHOWROOM = "(select min(id) from showrooms)";

/** Makes a user work in a showroom (by default the first, as everyone in a single-showroom dealership). */
export function joinShowroom(db: Database.Database, userId: number, showroomId?: number): void {
  db.prepare(`insert into user_showrooms (user_id, showroom_id) values (?, coalesce(?, ${FIRST_SHOWROOM}))`).run(
    userId,
    showroomId ?? null,
  );
}

export function insertUser(db: Database.Database, role: "salesperson" | "manager" | "admin", name: string) {
  const email = `${role}-${unique()}@salon.test`;
  const password = "haslo-testowe-123";
  const id = db
    .prepare("INSERT INTO users (name, email, password_hash, role) VALUES (?, ?, ?, ?)")
    .run(name, email, serverPasswordHash(password), role).lastInsertRowid as number;
  joinShowroom(db, id);
  return { id, email, password, name };
}

export function userIdByEmail(db: Database.Database, email: string): number {
  return (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number }).id;
}

export function insertProcess(
  db: Database.Database,
  ownerId: number,
  customer: { firstName: string; lastName: string },
  vehicle = { brand: "Skoda", model: "Octavia" },
): number {
  const customerId = db
    .prepare("INSERT INTO customers (first_name, last_name) VALUES (?, ?)")
    .run(customer.firstName, customer.lastName).lastInsertRowid;
  return db
    .prepare(
      `INSERT INTO processes (customer_id, brand, model, source, owner_id, status, showroom_id) VALUES (?, ?, ?, 'showroom', ?, 'in_progress', ${FIRST_SHOWROOM})`,
    )
    .run(customerId, vehicle.brand, vehicle.model, ownerId).lastInsertRowid as number;
}

export function insertNotification(
  db: Database.Database,
  n: { userId: number; processId: number; noteId?: number; actorId?: number; message: string; kind?: string },
): number {
  return db
    .prepare(
      "INSERT INTO notifications (user_id, kind, process_id, note_id, actor_id, message) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(n.userId, n.kind ?? "note", n.processId, n.noteId ?? null, n.actorId ?? null, n.message)
    .lastInsertRowid as number;
}

export function insertTask(
  db: Database.Database,
  t: {
    processId: number;
    assigneeId: number;
    goal: string;
    allDay?: { date: string; midnight: Date };
    start?: Date;
    state?: "planned" | "done";
  },
): number {
  const start = t.start ?? null;
  const dueAt = t.allDay ? t.allDay.midnight.getTime() : start!.getTime();
  return db
    .prepare(
      "INSERT INTO tasks (process_id, assignee_id, planned_by_id, goal, all_day, due_date, start_at, end_at, due_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      t.processId,
      t.assigneeId,
      t.assigneeId,
      t.goal,
      t.allDay ? 1 : 0,
      t.allDay?.date ?? null,
      start ? start.getTime() : null,
      start ? start.getTime() + 30 * 60_000 : null,
      dueAt,
      t.state ?? "planned",
    ).lastInsertRowid as number;
}
