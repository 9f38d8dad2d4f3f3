import { listWeekTasks } from "@/lib/calendar/queries";
import { weekOf } from "@/lib/calendar/week";
import { useTestDatabase } from "../support/database";
import { insertAllDayTask, insertProcess, insertTimedTask, insertUser } from "../support/fixtures";

useTestDatabase();

test("a week's tasks: a salesperson sees only their own, a manager one user's or everyone's", async () => {
  const ania = await insertUser("salesperson", { name: "Ania" });
  const bartek = await insertUser("salesperson", { name: "Bartek" });
  const manager = await insertUser("manager");
  const pa = await insertProcess(ania.id);
  const pb = await insertProcess(bartek.id, { customer: { firstName: "Jan", lastName: "Kowalski" } });
  const a1 = await insertTimedTask(pa.id, ania.id, { date: "2026-03-29", time: "03:00" });
  const a2 = await insertAllDayTask(pa.id, ania.id, "2026-03-23");
  const b1 = await insertTimedTask(pb.id, bartek.id, { date: "2026-03-25", time: "12:00" }, { state: "done" });
  await insertTimedTask(pa.id, ania.id, { date: "2026-03-30", time: "00:00" }); // next week
  await insertTimedTask(pa.id, ania.id, { date: "2026-03-22", time: "23:59" }); // previous week

  const { from, to } = weekOf("2026-03-26", new Date(), "Europe/Warsaw");
  const ids = (list: { id: number }[]) => list.map((task) => task.id).sort((x, y) => x - y);
  const week = (viewer: typeof ania, assigneeId: number | null) => listWeekTasks({ viewer, assigneeId, from, to });

  expect(ids(await week(ania, null))).toEqual(ids([a1, a2]));
  // A salesperson cannot ask for someone else's calendar.
  expect(ids(await week(ania, bartek.id))).toEqual(ids([a1, a2]));
  expect(ids(await week(manager, bartek.id))).toEqual([b1.id]);
  expect(ids(await week(manager, null))).toEqual(ids([a1, a2, b1]));
  const [row] = await week(manager, bartek.id);
  expect(row).toMatchObject({
    processId: pb.id,
    assigneeName: "Bartek",
    firstName: "Jan",
    lastName: "Kowalski",
    state: "done",
  });
});
