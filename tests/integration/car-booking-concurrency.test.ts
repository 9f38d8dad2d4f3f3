import { spawn } from "node:child_process";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { carBookings, notes, tasks } from "@/db/schema";
import { useTestDatabase } from "../support/database";
import { insertCar, insertProcess, insertUser } from "../support/fixtures";

const db = useTestDatabase();
const root = path.resolve(__dirname, "../..");

type Outcome = { ok: boolean; userError?: boolean; message?: string; fieldErrors?: Record<string, string[]> };

function startChild(processId: number, userId: number, fields: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [
      require.resolve("tsx/cli"),
      "tests/integration/support/plan-task-child.ts",
      String(processId),
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
    expect(loser.userError).toBe(true);
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
