import { listWeekTasks } from "@/lib/calendar/queries";
import { weekOf } from "@/lib/calendar/week";
import { insertUser, useTestDatabase } from "./helpers";
import { insertAllDayTask, insertProcess, insertTimedTask } from "./fixtures-calendar";

useTestDatabase();

test("a week's tasks: a salesperson sees only their own, a manager one user's or everyone's", () => {
  const ania = insertUser("salesperson", { name: "Ania" });
  const bartek = insertUser("salesperson", { name: "Bartek" });
  const manager = insertUser("manager");
  const pa = insertProcess(ania.id);
  const pb = insertProcess(bartek.id);
  const a1 = insertTimedTask({ processId: pa.id, assigneeId: ania.id, date: "2026-03-29", time: "03:00" });
  const a2 = insertAllDayTask({ processId: pa.id, assigneeId: ania.id, date: "2026-03-23" });
  const b1 = insertTimedTask({
    processId: pb.id,
    assigneeId: bartek.id,
    date: "2026-03-25",
    time: "12:00",
    state: "done",
  });
  insertTimedTask({ processId: pa.id, assigneeId: ania.id, date: "2026-03-30", time: "00:00" }); // next week
  insertTimedTask({ processId: pa.id, assigneeId: ania.id, date: "2026-03-22", time: "23:59" }); // previous week

  const { from, to } = weekOf("2026-03-26", new Date(), "Europe/Warsaw");
  const ids = (list: { id: number }[]) => list.map((task) => task.id).sort((x, y) => x - y);

  expect(ids(listWeekTasks({ viewer: ania, assigneeId: null, from, to }))).toEqual(ids([a1, a2]));
  // A salesperson cannot ask for someone else's calendar.
  expect(ids(listWeekTasks({ viewer: ania, assigneeId: bartek.id, from, to }))).toEqual(ids([a1, a2]));
  expect(ids(listWeekTasks({ viewer: manager, assigneeId: bartek.id, from, to }))).toEqual([b1.id]);
  expect(ids(listWeekTasks({ viewer: manager, assigneeId: null, from, to }))).toEqual(ids([a1, a2, b1]));
  const [row] = listWeekTasks({ viewer: manager, assigneeId: bartek.id, from, to });
  expect(row).toMatchObject({
    processId: pb.id,
    assigneeName: "Bartek",
    firstName: "Jan",
    lastName: "Kowalski",
    state: "done",
  });
});
