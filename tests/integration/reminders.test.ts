import { and, eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { produceReminders } from "@/lib/notifications/reminders";
import { zonedInstant } from "@/lib/time";
import { insertUser, useTestDatabase } from "./helpers";
import { insertAllDayTask, insertProcess, insertTimedTask } from "./fixtures-calendar";

useTestDatabase();

const remindersOf = (userId: number) =>
  getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "reminder")))
    .all();

test("a timed task gets one reminder 15 minutes before, once, also after a restart", async () => {
  const seller = insertUser("salesperson");
  const proc = insertProcess(seller.id, { firstName: "Ewa", lastName: "Lis" });
  const task = insertTimedTask({
    processId: proc.id,
    assigneeId: seller.id,
    date: "2026-12-01",
    time: "10:00",
    goal: "test_drive",
    remindAbout: "dowód rejestracyjny",
  });

  expect(await produceReminders({ now: zonedInstant("2026-12-01", "09:44")!, leadMinutes: 15 })).toBe(0);
  expect(remindersOf(seller.id)).toHaveLength(0);

  const at = zonedInstant("2026-12-01", "09:45")!;
  expect(await produceReminders({ now: at, leadMinutes: 15 })).toBe(1);
  expect(await produceReminders({ now: at, leadMinutes: 15 })).toBe(0);

  closeDb(); // a restart: a fresh connection, nothing kept in memory
  expect(await produceReminders({ now: zonedInstant("2026-12-01", "09:50")!, leadMinutes: 15 })).toBe(0);

  const [reminder] = remindersOf(seller.id);
  expect(remindersOf(seller.id)).toHaveLength(1);
  expect(reminder.processId).toBe(proc.id);
  expect(reminder.taskId).toBe(task.id);
  expect(reminder.readAt).toBeNull();
  expect(reminder.message).toContain("Jazda próbna");
  expect(reminder.message).toContain("Ewa Lis");
  expect(reminder.message).toContain("10:00");
  expect(reminder.message).toContain("Przypomnij o: dowód rejestracyjny");
  expect(getDb().select().from(tasks).where(eq(tasks.id, task.id)).get()!.remindedAt).toEqual(at);
});

test("an all-day task is reminded from 07:00 local on its date", async () => {
  const seller = insertUser("salesperson");
  const proc = insertProcess(seller.id);
  insertAllDayTask({ processId: proc.id, assigneeId: seller.id, date: "2026-12-02", remindAbout: "katalog" });
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "06:59")!, leadMinutes: 15 })).toBe(0);
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "07:00")!, leadMinutes: 15 })).toBe(1);
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "09:00")!, leadMinutes: 15 })).toBe(0);
  const [reminder] = remindersOf(seller.id);
  expect(reminder.message).toContain("cały dzień");
  expect(reminder.message).toContain("Przypomnij o: katalog");
});

test("done tasks get no reminder, and neither do tasks long past (after downtime)", async () => {
  const seller = insertUser("salesperson");
  const proc = insertProcess(seller.id);
  insertTimedTask({ processId: proc.id, assigneeId: seller.id, date: "2026-12-03", time: "10:00", state: "done" });
  insertTimedTask({ processId: proc.id, assigneeId: seller.id, date: "2026-12-01", time: "08:00" });
  insertAllDayTask({ processId: proc.id, assigneeId: seller.id, date: "2026-12-01" });
  expect(await produceReminders({ now: zonedInstant("2026-12-03", "09:55")!, leadMinutes: 15 })).toBe(0);
  expect(remindersOf(seller.id)).toHaveLength(0);
});

test("a task done before its reminder time is never reminded", async () => {
  const seller = insertUser("salesperson");
  const proc = insertProcess(seller.id);
  const task = insertTimedTask({ processId: proc.id, assigneeId: seller.id, date: "2026-12-04", time: "10:00" });
  getDb().update(tasks).set({ state: "done", doneAt: new Date() }).where(eq(tasks.id, task.id)).run();
  expect(await produceReminders({ now: zonedInstant("2026-12-04", "09:50")!, leadMinutes: 15 })).toBe(0);
  expect(getDb().select().from(tasks).where(eq(tasks.id, task.id)).get()!.remindedAt).toBeNull();
});

test("the reminder goes to the current assignee", async () => {
  const first = insertUser("salesperson");
  const second = insertUser("salesperson");
  const proc = insertProcess(first.id);
  const task = insertTimedTask({ processId: proc.id, assigneeId: first.id, date: "2026-12-05", time: "10:00" });
  getDb().update(tasks).set({ assigneeId: second.id }).where(eq(tasks.id, task.id)).run();
  expect(await produceReminders({ now: zonedInstant("2026-12-05", "09:50")!, leadMinutes: 15 })).toBe(1);
  expect(remindersOf(first.id)).toHaveLength(0);
  expect(remindersOf(second.id)).toHaveLength(1);
});

test("a pass that owes many reminders lets other work run in between, and still sends each once", async () => {
  const seller = insertUser("salesperson");
  const proc = insertProcess(seller.id, { firstName: "Ola", lastName: "Zaległa" });
  for (let minute = 0; minute < 35; minute++) {
    insertTimedTask({
      processId: proc.id,
      assigneeId: seller.id,
      date: "2026-12-07",
      time: `08:${String(minute + 10).padStart(2, "0")}`,
      goal: "phone_contact",
      remindAbout: null,
    });
  }
  const now = zonedInstant("2026-12-07", "09:00")!;
  let finished = false;
  const pass = produceReminders({ now, leadMinutes: 15 }).then((produced) => {
    finished = true;
    return produced;
  });
  // A callback queued after the pass began runs before the pass ends: the server is not held up.
  await expect(new Promise((resolve) => setImmediate(() => resolve(finished)))).resolves.toBe(false);
  await expect(pass).resolves.toBe(35);
  expect(remindersOf(seller.id)).toHaveLength(35);
  expect(await produceReminders({ now, leadMinutes: 15 })).toBe(0);
});
