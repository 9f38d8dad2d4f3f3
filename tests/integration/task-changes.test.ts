import fs from "node:fs";
import { eq } from "drizzle-orm";
import { carBookings, notifications, processEvents, taskFiles, tasks } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { config } from "@/lib/config";
import { freeCarIds } from "@/lib/fleet/queries";
import { produceReminders } from "@/lib/notifications/reminders";
import { getProcessPanel } from "@/lib/processes/panel";
import { changeStatus } from "@/lib/processes/mutations";
import { dropTask, moveTask } from "@/lib/tasks/changes";
import { describeTaskFromHistory } from "@/lib/tasks/format";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import {
  attachTestFile,
  form,
  insertAllDayTask,
  insertCar,
  insertProcess,
  insertShowroom,
  insertTimedTask,
  insertUser,
  newTime,
  tasksOf,
} from "../support/fixtures";

const db = useTestDatabase();

const at = (date: string, time: string) => zonedInstant(date, time)!;
const bookingOf = async (taskId: number) =>
  (await db().select().from(carBookings).where(eq(carBookings.taskId, taskId)))[0];
const taskById = async (id: number) => (await db().select().from(tasks).where(eq(tasks.id, id)))[0];
const eventsOf = (processId: number) => db().select().from(processEvents).where(eq(processEvents.processId, processId));

async function refusal(change: Promise<unknown>): Promise<UserError> {
  const error = await change.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

/** A salesperson's open process with a test drive planned through the form, the car booked for it. */
async function plannedDrive(carId: number, time = { startDate: "2026-12-10", startTime: "10:00", endTime: "11:00" }) {
  const seller = await insertUser();
  const process = await insertProcess(seller.id, { status: "in_progress" });
  const { taskId } = await planNextContact({
    user: seller,
    processId: process.id,
    form: form({ goal: "test_drive", carId: String(carId), ...time }),
    now: at("2026-12-01", "09:00"),
  });
  return { seller, process, taskId: taskId! };
}

describe("Zmień termin", () => {
  test("moves the task and its car's booking, writes the move to the history and lets the reminder come again", async () => {
    const car = await insertCar();
    const { seller, process, taskId } = await plannedDrive(car.id);
    // Reminded before the old time.
    expect(await produceReminders({ now: at("2026-12-10", "09:50"), leadMinutes: 15 })).toBe(1);

    await moveTask({
      user: seller,
      taskId,
      time: newTime({ startDate: "2026-12-11", startTime: "12:00", endTime: "13:30" }),
      now: at("2026-12-02", "08:00"),
    });

    expect(await taskById(taskId)).toMatchObject({
      state: "planned",
      allDay: false,
      startAt: at("2026-12-11", "12:00"),
      endAt: at("2026-12-11", "13:30"),
      dueAt: at("2026-12-11", "12:00"),
      remindedAt: null,
    });
    expect(await bookingOf(taskId)).toMatchObject({
      carId: car.id,
      startAt: at("2026-12-11", "12:00"),
      endAt: at("2026-12-11", "13:30"),
    });
    // The old hour is free again, the new one taken.
    const span = (date: string, from: string, to: string) => ({ startAt: at(date, from), endAt: at(date, to) });
    expect(await freeCarIds({ showroomId: car.showroomId, span: span("2026-12-10", "10:00", "11:00") })).toContain(
      car.id,
    );
    expect(await freeCarIds({ showroomId: car.showroomId, span: span("2026-12-11", "13:00", "14:00") })).not.toContain(
      car.id,
    );

    const moved = (await eventsOf(process.id)).filter((event) => event.kind === "task_moved");
    expect(moved).toHaveLength(1);
    expect(moved[0].userId).toBe(seller.id);
    expect(describeTaskFromHistory(moved[0].fromValue)).toBe("Jazda próbna, 10 gru 2026, 10:00–11:00");
    expect(describeTaskFromHistory(moved[0].toValue)).toBe("Jazda próbna, 11 gru 2026, 12:00–13:30");

    // The reminder follows the new time: due again 15 minutes before it, not before.
    expect(await produceReminders({ now: at("2026-12-11", "11:40"), leadMinutes: 15 })).toBe(0);
    expect(await produceReminders({ now: at("2026-12-11", "11:46"), leadMinutes: 15 })).toBe(1);
  });

  test("a clash at the new time refuses the whole move next to the date, naming the booking; the old time and booking stay", async () => {
    const car = await insertCar();
    const first = await plannedDrive(car.id, { startDate: "2026-12-10", startTime: "10:00", endTime: "11:00" });
    const second = await plannedDrive(car.id, { startDate: "2026-12-10", startTime: "14:00", endTime: "15:00" });

    const error = await refusal(
      moveTask({
        user: second.seller,
        taskId: second.taskId,
        time: newTime({ startDate: "2026-12-10", startTime: "10:30", endTime: "11:30" }),
      }),
    );
    expect(error.fieldErrors?.startDate?.[0]).toBe(
      `Samochód jest już zarezerwowany: 10 gru 2026, 10:00–11:00, jazda próbna (${first.seller.name}).`,
    );
    expect(await taskById(second.taskId)).toMatchObject({ startAt: at("2026-12-10", "14:00") });
    expect(await bookingOf(second.taskId)).toMatchObject({
      startAt: at("2026-12-10", "14:00"),
      endAt: at("2026-12-10", "15:00"),
    });
    expect((await eventsOf(second.process.id)).some((event) => event.kind === "task_moved")).toBe(false);
  });

  test("an all-day move books the car for the showroom's working day; the same time again is refused", async () => {
    const showroom = await insertShowroom({ opensAt: "09:00", closesAt: "17:00" });
    const car = await insertCar({ showroomId: showroom.id });
    const seller = await insertUser("salesperson", { showroomIds: [showroom.id] });
    const process = await insertProcess(seller.id, { status: "in_progress", showroomId: showroom.id });
    const { taskId } = await planNextContact({
      user: seller,
      processId: process.id,
      form: form({ goal: "test_drive", carId: String(car.id), startDate: "2026-12-10", startTime: "10:00" }),
    });
    // The clock fields of an all-day task are ignored, whatever they hold.
    const allDay = newTime({ startDate: "2026-12-12", allDay: "on", startTime: "xx", endTime: "07:00" });
    await moveTask({ user: seller, taskId: taskId!, time: allDay });
    expect(await taskById(taskId!)).toMatchObject({ allDay: true, dueDate: "2026-12-12", startAt: null, endAt: null });
    expect(await bookingOf(taskId!)).toMatchObject({
      startAt: at("2026-12-12", "09:00"),
      endAt: at("2026-12-12", "17:00"),
    });
    const again = await refusal(moveTask({ user: seller, taskId: taskId!, time: allDay }));
    expect(again.fieldErrors?.startDate).toEqual(["To jest obecny termin zadania. Podaj nowy."]);
  });

  test("the assignee and the process's managers may move it; others get not found, a done task is not moved", async () => {
    const seller = await insertUser();
    const process = await insertProcess(seller.id, { status: "in_progress" });
    const task = await insertTimedTask(process.id, seller.id, { date: "2026-12-10", time: "10:00" });
    const time = (hour: string) => newTime({ startDate: "2026-12-10", startTime: hour });

    const colleague = await insertUser();
    expect((await refusal(moveTask({ user: colleague, taskId: task.id, time: time("11:00") }))).message).toBe(
      "Nie znaleziono",
    );
    const elsewhere = await insertShowroom();
    const otherManager = await insertUser("manager", { showroomIds: [elsewhere.id] });
    expect((await refusal(moveTask({ user: otherManager, taskId: task.id, time: time("11:00") }))).message).toBe(
      "Nie znaleziono",
    );
    expect(await taskById(task.id)).toMatchObject({ startAt: at("2026-12-10", "10:00") });

    const manager = await insertUser("manager");
    await moveTask({ user: manager, taskId: task.id, time: time("12:00") });
    expect(await taskById(task.id)).toMatchObject({ startAt: at("2026-12-10", "12:00") });

    await executeTask({ user: seller, taskId: task.id, form: form({ goal: "phone_contact" }) });
    expect((await refusal(moveTask({ user: seller, taskId: task.id, time: time("13:00") }))).message).toBe(
      "To zadanie nie jest już zaplanowane (zostało wykonane albo usunięte).",
    );
  });

  test("the panel's history tells the move in words", async () => {
    const seller = await insertUser();
    const process = await insertProcess(seller.id, { status: "in_progress" });
    const task = await insertAllDayTask(process.id, seller.id, "2026-12-10");
    await moveTask({ user: seller, taskId: task.id, time: newTime({ startDate: "2026-12-14", allDay: "on" }) });
    const panel = await getProcessPanel({ user: seller, id: process.id, historyLimit: 10 });
    const entry = panel!.history.find((item) => item.type === "event" && item.event.kind === "task_moved");
    expect(entry?.type === "event" && describeTaskFromHistory(entry.event.toValue)).toBe(
      "Spotkanie w salonie, 14 gru 2026 · cały dzień",
    );
  });
});

describe("Usuń zadanie", () => {
  test("an open process's last planned task stays: the next contact is always planned", async () => {
    const car = await insertCar();
    const { seller, taskId } = await plannedDrive(car.id);
    const error = await refusal(dropTask({ user: seller, taskId }));
    expect(error.message).toMatch(/^To jedyne zaplanowane zadanie otwartego procesu/);
    expect(await taskById(taskId)).toMatchObject({ state: "planned" });
    expect(await bookingOf(taskId)).toBeDefined();
  });

  test("with another task planned it goes, with its booking, files and notifications; the history keeps it", async () => {
    const car = await insertCar();
    const { seller, process, taskId } = await plannedDrive(car.id);
    await insertTimedTask(process.id, seller.id, { date: "2026-12-12", time: "09:00" });
    const file = await attachTestFile(taskId, seller.id);
    const onDisk = `${config.uploadsDir}/${file.storedName}`;
    expect(fs.existsSync(onDisk)).toBe(true);

    await dropTask({ user: seller, taskId, now: at("2026-12-02", "08:00") });

    expect(await taskById(taskId)).toBeUndefined();
    expect(await bookingOf(taskId)).toBeUndefined();
    expect(await db().select().from(taskFiles).where(eq(taskFiles.id, file.id))).toEqual([]);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect(await db().select().from(notifications).where(eq(notifications.taskId, taskId))).toEqual([]);
    expect(
      await freeCarIds({
        showroomId: car.showroomId,
        span: { startAt: at("2026-12-10", "10:00"), endAt: at("2026-12-10", "11:00") },
      }),
    ).toContain(car.id);
    const [dropped] = (await eventsOf(process.id)).filter((event) => event.kind === "task_dropped");
    expect(dropped).toMatchObject({ userId: seller.id });
    expect(describeTaskFromHistory(dropped.fromValue)).toBe("Jazda próbna, 10 gru 2026, 10:00–11:00");
    expect(await tasksOf(process.id)).toHaveLength(1);
  });

  test("a closed process's last task may go", async () => {
    const seller = await insertUser();
    const process = await insertProcess(seller.id, { status: "resigned" });
    const task = await insertTimedTask(process.id, seller.id, { date: "2026-12-10", time: "10:00" });
    await dropTask({ user: seller, taskId: task.id });
    expect(await tasksOf(process.id)).toEqual([]);
  });
});

describe("closing a process", () => {
  test("frees the cars of its planned test drives from then on; another salesperson may book the hour", async () => {
    const car = await insertCar();
    const { seller, process, taskId } = await plannedDrive(car.id);
    await changeStatus({ user: seller, processId: process.id, status: "delivered", now: at("2026-12-05", "12:00") });
    // The task stays planned (a note can still report it); its booking holds nothing any more.
    expect(await taskById(taskId)).toMatchObject({ state: "planned" });
    const booking = await bookingOf(taskId);
    expect(booking.endAt).toEqual(booking.startAt);

    const other = await plannedDrive(car.id, { startDate: "2026-12-10", startTime: "09:30", endTime: "10:30" });
    expect(await bookingOf(other.taskId)).toMatchObject({ carId: car.id, startAt: at("2026-12-10", "09:30") });

    // Moving the closed process's task later does not take the car back.
    await moveTask({ user: seller, taskId, time: newTime({ startDate: "2026-12-10", startTime: "09:45" }) });
    expect(await bookingOf(taskId)).toMatchObject({ endAt: booking.startAt });
  });
});
