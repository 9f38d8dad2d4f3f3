import type Database from "better-sqlite3";
import { FIRST_SHOWROOM, insertUser, openServerDb, userIdByEmail } from "./db-fixtures";

export { openServerDb as serverDb, userIdByEmail as userId };

let counter = 0;
const unique = () => `${Date.now()}-${++counter}-${Math.floor(Math.random() * 1e6)}`;

export function insertSalesperson(db: Database.Database, name = "Sara Sprzedawczyni") {
  return insertUser(db, "salesperson", name);
}

export function insertProcess(db: Database.Database, ownerId: number, status = "new") {
  const lastName = `Wiśniewska ${unique()}`;
  const customer = db.prepare("insert into customers (first_name, last_name) values ('Zofia', ?)").run(lastName);
  const info = db
    .prepare(
      `insert into processes (customer_id, brand, model, source, owner_id, status, showroom_id) values (?, 'Toyota', 'Corolla', 'showroom', ?, ?, ${FIRST_SHOWROOM})`,
    )
    .run(customer.lastInsertRowid, ownerId, status);
  return { id: Number(info.lastInsertRowid), customer: `Zofia ${lastName}` };
}

type TaskRow = {
  id: number;
  state: string;
  goal: string;
  all_day: number;
  due_date: string | null;
  start_at: number | null;
  end_at: number | null;
  remind_about: string | null;
  done_by_id: number | null;
};
type NoteRow = {
  id: number;
  content: string;
  initiative: string;
  type: string;
  task_id: number | null;
  notify_owner: number;
  author_id: number;
};

export function tasksOf(db: Database.Database, processId: number): TaskRow[] {
  return db.prepare("select * from tasks where process_id = ? order by id").all(processId) as TaskRow[];
}

export function notesOf(db: Database.Database, processId: number): NoteRow[] {
  return db.prepare("select * from notes where process_id = ? order by id").all(processId) as NoteRow[];
}

export function filesOf(db: Database.Database, taskId: number) {
  return db.prepare("select * from task_files where task_id = ? order by id").all(taskId) as {
    id: number;
    original_name: string;
    size: number;
    mime_type: string;
    stored_name: string;
  }[];
}

export function processStatus(db: Database.Database, processId: number): string {
  return (db.prepare("select status from processes where id = ?").get(processId) as { status: string }).status;
}

export function insertPlannedTask(
  db: Database.Database,
  processId: number,
  assigneeId: number,
  task: { goal?: string; startAt?: Date; allDayDate?: string; dueAt?: Date; remindAbout?: string },
) {
  const start = task.startAt?.getTime() ?? null;
  const info = db
    .prepare(
      "insert into tasks (process_id, assignee_id, planned_by_id, goal, remind_about, all_day, due_date, start_at, end_at, due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      processId,
      assigneeId,
      assigneeId,
      task.goal ?? "phone_contact",
      task.remindAbout ?? null,
      task.allDayDate ? 1 : 0,
      task.allDayDate ?? null,
      start,
      start ? start + 1_800_000 : null,
      (task.dueAt?.getTime() ?? start)!,
    );
  return Number(info.lastInsertRowid);
}
