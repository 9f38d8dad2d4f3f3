import { and, eq } from "drizzle-orm";
import { closeDb, transaction } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { produceReminders } from "@/lib/notifications/reminders";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { insertAllDayTask, insertProcess, insertTimedTask, insertUser } from "../support/fixtures";

const db = useTestDatabase();

const remindersOf = (userId: number) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "reminder")));

async function taskById(id: number) {
  const [task] = await db().select().from(tasks).where(eq(tasks.id, id));
  return task;
}

test("a timed task gets one reminder 15 minutes before, once, also after a restart", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id, { customer: { firstName: "Ewa", lastName: "Lis" } });
  const task = await insertTimedTask(
    proc.id,
    seller.id,
    { date: "2026-12-01", time: "10:00" },
    { goal: "test_drive", remindAbout: "dowód rejestracyjny" },
  );

  expect(await produceReminders({ now: zonedInstant("2026-12-01", "09:44")!, leadMinutes: 15 })).toBe(0);
  expect(await remindersOf(seller.id)).toHaveLength(0);

  const at = zonedInstant("2026-12-01", "09:45")!;
  expect(await produceReminders({ now: at, leadMinutes: 15 })).toBe(1);
  expect(await produceReminders({ now: at, leadMinutes: 15 })).toBe(0);

  closeDb(); // a restart: a fresh connection, nothing kept in memory
  expect(await produceReminders({ now: zonedInstant("2026-12-01", "09:50")!, leadMinutes: 15 })).toBe(0);

  const reminders = await remindersOf(seller.id);
  expect(reminders).toHaveLength(1);
  const [reminder] = reminders;
  expect(reminder.processId).toBe(proc.id);
  expect(reminder.taskId).toBe(task.id);
  expect(reminder.readAt).toBeNull();
  expect(reminder.message).toContain("Jazda próbna");
  expect(reminder.message).toContain("Ewa Lis");
  expect(reminder.message).toContain("10:00");
  expect(reminder.message).toContain("Przypomnij o: dowód rejestracyjny");
  expect((await taskById(task.id)).remindedAt).toEqual(at);
});

test("an all-day task is reminded from 07:00 local on its date", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id);
  await insertAllDayTask(proc.id, seller.id, "2026-12-02", { remindAbout: "katalog" });
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "06:59")!, leadMinutes: 15 })).toBe(0);
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "07:00")!, leadMinutes: 15 })).toBe(1);
  expect(await produceReminders({ now: zonedInstant("2026-12-02", "09:00")!, leadMinutes: 15 })).toBe(0);
  const [reminder] = await remindersOf(seller.id);
  expect(reminder.message).toContain("cały dzień");
  expect(reminder.message).toContain("Przypomnij o: katalog");
});

test("done tasks get no reminder, and neither do tasks long past (after downtime)", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id);
  await insertTimedTask(proc.id, seller.id, { date: "2026-12-03", time: "10:00" }, { state: "done" });
  await insertTimedTask(proc.id, seller.id, { date: "2026-12-01", time: "08:00" });
  await insertAllDayTask(proc.id, seller.id, "2026-12-01");
  expect(await produceReminders({ now: zonedInstant("2026-12-03", "09:55")!, leadMinutes: 15 })).toBe(0);
  expect(await remindersOf(seller.id)).toHaveLength(0);
});

test("a task done before its reminder time is never reminded", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id);
  const task = await insertTimedTask(proc.id, seller.id, { date: "2026-12-04", time: "10:00" });
  await transaction((tx) => tx.update(tasks).set({ state: "done", doneAt: new Date() }).where(eq(tasks.id, task.id)));
  expect(await produceReminders({ now: zonedInstant("2026-12-04", "09:50")!, leadMinutes: 15 })).toBe(0);
  expect((await taskById(task.id)).remindedAt).toBeNull();
});

test("the reminder goes to the current assignee", async () => {
  const first = await insertUser("salesperson");
  const second = await insertUser("salesperson");
  const proc = await insertProcess(first.id);
  const task = await insertTimedTask(proc.id, first.id, { date: "2026-12-05", time: "10:00" });
  await transaction((tx) => tx.update(tasks).set({ assigneeId: second.id }).where(eq(tasks.id, task.id)));
  expect(await produceReminders({ now: zonedInstant("2026-12-05", "09:50")!, leadMinutes: 15 })).toBe(1);
  expect(await remindersOf(first.id)).toHaveLength(0);
  expect(await remindersOf(second.id)).toHaveLength(1);
});

test("a pass that owes many reminders lets other work run in between, and still sends each once", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id, { customer: { firstName: "Ola", lastName: "Zaległa" } });
  for (let minute = 0; minute < 35; minute++) {
    await insertTimedTask(
      proc.id,
      seller.id,
      { date: "2026-12-07", time: `08:${String(minute + 10).padStart(2, "0")}` },
      { goal: "phone_contact", remindAbout: null },
    );
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
  expect(await remindersOf(seller.id)).toHaveLength(35);
  expect(await produceReminders({ now, leadMinutes: 15 })).toBe(0);
});
