import { navigationBadges } from "@/lib/navigation/counts";
import { markRead } from "@/lib/notifications/queries";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { insertAllDayTask, insertNotification, insertProcess, insertTimedTask, insertUser } from "../support/fixtures";

useTestDatabase();

// 3 December 2026, 11:00 in the dealership's zone.
const now = zonedInstant("2026-12-03", "11:00")!;

test("'Moje zadania' counts the user's planned tasks overdue or due by the end of today", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("salesperson");
  const { id } = await insertProcess(me.id);
  await insertTimedTask(id, me.id, { date: "2026-12-01", time: "09:00" }); // overdue
  await insertAllDayTask(id, me.id, "2026-12-03"); // today, all day
  await insertTimedTask(id, me.id, { date: "2026-12-03", time: "23:30" }); // late today
  await insertTimedTask(id, me.id, { date: "2026-12-04", time: "00:00" }); // tomorrow
  await insertAllDayTask(id, me.id, "2026-12-04");
  await insertTimedTask(
    id,
    me.id,
    { date: "2026-12-02", time: "10:00" },
    { state: "done", doneAt: now, doneById: me.id },
  );
  await insertTimedTask(id, other.id, { date: "2026-12-02", time: "10:00" }); // someone else's

  expect((await navigationBadges(me.id, now)).due).toBe(3);
  expect((await navigationBadges(other.id, now)).due).toBe(1);
  expect((await navigationBadges(me.id, zonedInstant("2026-12-04", "08:00")!)).due).toBe(5);
});

test("'Powiadomienia' counts the user's unread notifications, beside the tasks in the same read", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("manager");
  const read = await insertNotification({ userId: me.id, message: "przeczytane" });
  await insertNotification({ userId: me.id, message: "nowe" });
  await insertNotification({ userId: me.id, message: "nowsze" });
  await insertNotification({ userId: other.id, message: "cudze" });
  await markRead({ userId: me.id, id: read.id });

  expect(await navigationBadges(me.id, now)).toEqual({ unread: 2, due: 0 });
  expect(await navigationBadges(other.id, now)).toEqual({ unread: 1, due: 0 });
  expect(await navigationBadges((await insertUser("salesperson")).id, now)).toEqual({ unread: 0, due: 0 });
});
