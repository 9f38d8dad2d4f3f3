import { spawn } from "node:child_process";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { carBookings, notes, processEvents, tasks } from "@/db/schema";
import { planNextContact } from "@/lib/tasks/mutations";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { form, insertCar, insertProcess, insertUser } from "../support/fixtures";

const db = useTestDatabase();
const root = path.resolve(__dirname, "../..");

type Outcome = { ok: boolean; userError?: boolean; message?: string; fieldErrors?: Record<string, string[]> };

/** A child that saves "Planowanie zadań" of a process (or, with `move-task-child`, moves a task) on "go". */
function startChild(
  id: number,
  userId: number,
  fields: Record<string, string>,
  script: "plan-task-child" | "move-task-child" = "plan-task-child",
) {
  const child = spawn(
    process.execPath,
    [
      require.resolve("tsx/cli"),
      `tests/integration/support/${script}.ts`,
      String(id),
      String(userId),
      JSON.stringify(fields),
    ],
    { cwd: root, env: { ...process.env } },
  );
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("ready")) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited early: ${out}`)));
  });
  const done = new Promise<Outcome>((resolve) => {
    child.on("exit", () => resolve(JSON.parse(out.trim().split("\n").pop()!) as Outcome));
  });
  child.stderr.on("data", (chunk) => process.stderr.write(chunk));
  return { child, ready, done };
}

async function race(fields: Record<string, string>, carId: number, n = 20) {
  const people = await Promise.all(Array.from({ length: n }, () => insertUser()));
  const processes = await Promise.all(people.map((person) => insertProcess(person.id, { status: "in_progress" })));
  const children = processes.map((process, i) =>
    startChild(process.id, people[i].id, { ...fields, carId: String(carId) }),
  );
  await Promise.all(children.map((c) => c.ready));
  // Every child has loaded and parsed: release them together.
  for (const { child } of children) child.stdin.write("go\n");
  const results = await Promise.all(children.map((c) => c.done));
  return { results, processIds: processes.map((p) => p.id) };
}

async function expectOneBooking(carId: number, { results, processIds }: Awaited<ReturnType<typeof race>>) {
  const winners = results.filter((r) => r.ok);
  expect(winners).toHaveLength(1);
  const losers = results.filter((r) => !r.ok);
  expect(losers).toHaveLength(19);
  for (const loser of losers) {
    // The whole outcome, so a failure shows what the child said.
    expect(loser).toMatchObject({ ok: false, userError: true });
    expect(loser.fieldErrors?.carId?.[0]).toMatch(/^Samochód jest już zarezerwowany: .*, jazda próbna \(Użytkownik /);
  }
  const bookings = await db().select().from(carBookings).where(eq(carBookings.carId, carId));
  expect(bookings).toHaveLength(1);
  // The losers saved nothing: neither their note nor their task.
  const saved = await db()
    .select({ processId: notes.processId })
    .from(notes)
    .where(inArray(notes.processId, processIds));
  expect(saved).toHaveLength(1);
  const planned = await db().select({ id: tasks.id }).from(tasks).where(inArray(tasks.processId, processIds));
  expect(planned.map((task) => task.id)).toEqual([bookings[0].taskId]);
}

test("20 saves of the same car and hour at once: one booking, 19 refusals naming it, nothing else saved", async () => {
  const car = await insertCar();
  const outcome = await race({ startDate: "2026-12-10", startTime: "10:00", endTime: "11:00" }, car.id);
  await expectOneBooking(car.id, outcome);
}, 180_000);

test("the same on the night the clocks go back: 02:30 happens twice, the booking still has one owner", async () => {
  const car = await insertCar();
  // 01:30–03:30 local on 2026-10-25 lasts three hours; every child asks for the same span.
  const outcome = await race(
    { startDate: "2026-10-25", startTime: "01:30", endDate: "2026-10-25", endTime: "03:30" },
    car.id,
  );
  await expectOneBooking(car.id, outcome);
  const [booking] = await db().select().from(carBookings).where(eq(carBookings.carId, car.id));
  expect(booking.endAt.getTime() - booking.startAt.getTime()).toBe(3 * 3_600_000);
}, 180_000);

test("20 moves of two test drives to the same car and hour at once: one moves, the other keeps its time and booking", async () => {
  const car = await insertCar();
  const drives = await Promise.all(
    ["10:00", "14:00"].map(async (startTime) => {
      const seller = await insertUser();
      const process = await insertProcess(seller.id, { status: "in_progress" });
      const { taskId } = await planNextContact({
        user: seller,
        processId: process.id,
        form: form({ carId: String(car.id), startDate: "2026-12-10", startTime, endTime: "" }),
      });
      return { seller, process, taskId: taskId! };
    }),
  );
  const target = { startDate: "2026-12-11", startTime: "10:00", endTime: "11:00" };
  const children = Array.from({ length: 20 }, (_, i) => drives[i % 2]).map((drive) =>
    startChild(drive.taskId, drive.seller.id, target, "move-task-child"),
  );
  await Promise.all(children.map((c) => c.ready));
  for (const { child } of children) child.stdin.write("go\n");
  const results = await Promise.all(children.map((c) => c.done));

  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const winner = drives[results.findIndex((r) => r.ok) % 2];
  const loser = drives.find((drive) => drive !== winner)!;
  for (const [i, result] of results.entries()) {
    if (result.ok) continue;
    // The winner's other moves find it already there; the other task's moves find the car taken.
    expect(result).toMatchObject({ ok: false, userError: true });
    expect(result.fieldErrors?.startDate?.[0]).toBe(
      drives[i % 2] === winner
        ? "To jest obecny termin zadania. Podaj nowy."
        : `Samochód jest już zarezerwowany: 11 gru 2026, 10:00–11:00, jazda próbna (${winner.seller.name}).`,
    );
  }
  const bookings = await db().select().from(carBookings).where(eq(carBookings.carId, car.id));
  expect(bookings.map(({ taskId, startAt }) => ({ taskId, startAt })).sort((a, b) => a.taskId - b.taskId)).toEqual(
    [
      { taskId: winner.taskId, startAt: zonedInstant("2026-12-11", "10:00") },
      { taskId: loser.taskId, startAt: zonedInstant("2026-12-10", loser === drives[0] ? "10:00" : "14:00") },
    ].sort((a, b) => a.taskId - b.taskId),
  );
  const moves = await db()
    .select({ processId: processEvents.processId })
    .from(processEvents)
    .where(eq(processEvents.kind, "task_moved"));
  expect(moves).toEqual([{ processId: winner.process.id }]);
}, 180_000);
