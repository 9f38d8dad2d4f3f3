import { eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { carBookings, carOutages, customers, demoCars, notes, processEvents, processes, tasks } from "@/db/schema";
import { anonymizeCustomers } from "@/lib/customers/anonymize";
import { collectCustomerData } from "@/lib/customers/export";
import { UserError } from "@/lib/actions/errors";
import { addOutage, createCar, removeOutage, updateCar } from "@/lib/fleet/mutations";
import { fleetWeek, freeCarIds, listFleet } from "@/lib/fleet/queries";
import { carSchema } from "@/lib/fleet/schema";
import { testDriveStats } from "@/lib/fleet/stats";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { zonedInstant } from "@/lib/time";
import { holdWrites, useTestDatabase } from "../support/database";
import { form, insertCar, insertOutage, insertProcess, insertShowroom, insertUser } from "../support/fixtures";

const db = useTestDatabase();

const bookingsOf = (carId: number) => db().select().from(carBookings).where(eq(carBookings.carId, carId));

async function refusal(save: Promise<unknown>): Promise<UserError> {
  const error = await save.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

async function planDrive(
  carId: number,
  fields: Record<string, string>,
  owner?: { id: number; role: "salesperson"; name: string },
) {
  const person = owner ?? (await insertUser());
  const process = await insertProcess(person.id, { status: "in_progress" });
  const result = await planNextContact({
    user: person,
    processId: process.id,
    form: form({ goal: "test_drive", carId: String(carId), ...fields }),
  });
  return { person, process, result };
}

describe("booking a demo car from the planning form", () => {
  test("a test drive books the car for its span; an overlapping one is refused naming the booking, and saves nothing", async () => {
    const car = await insertCar();
    const { person, result } = await planDrive(car.id, {
      startDate: "2026-12-10",
      startTime: "10:00",
      endTime: "11:00",
    });
    expect(await bookingsOf(car.id)).toMatchObject([
      {
        taskId: result.taskId,
        startAt: zonedInstant("2026-12-10", "10:00"),
        endAt: zonedInstant("2026-12-10", "11:00"),
      },
    ]);

    const other = await insertUser();
    const process = await insertProcess(other.id, { status: "in_progress" });
    const error = await refusal(
      planNextContact({
        user: other,
        processId: process.id,
        form: form({ carId: String(car.id), startDate: "2026-12-10", startTime: "10:30" }),
      }),
    );
    expect(error.fieldErrors).toEqual({
      carId: [`Samochód jest już zarezerwowany: 10 gru 2026, 10:00–11:00, jazda próbna (${person.name}).`],
    });
    expect(await db().select().from(notes).where(eq(notes.processId, process.id))).toEqual([]);
    expect(await db().select().from(tasks).where(eq(tasks.processId, process.id))).toEqual([]);
  });

  test("back-to-back bookings do not overlap; another car at the same hour is free", async () => {
    const car = await insertCar();
    const second = await insertCar();
    await planDrive(car.id, { startDate: "2026-12-11", startTime: "10:00" });
    await planDrive(car.id, { startDate: "2026-12-11", startTime: "10:30" });
    await planDrive(second.id, { startDate: "2026-12-11", startTime: "10:00" });
    expect(await bookingsOf(car.id)).toHaveLength(2);
    expect(await bookingsOf(second.id)).toHaveLength(1);
  });

  test("the car is ignored for any other goal (the field is sent without JavaScript)", async () => {
    const car = await insertCar();
    await planDrive(car.id, { goal: "phone_contact", startDate: "2026-12-12", startTime: "10:00" });
    expect(await bookingsOf(car.id)).toEqual([]);
  });

  test("an all-day test drive books the car for the showroom's working day", async () => {
    const showroom = await insertShowroom({ opensAt: "09:00", closesAt: "17:00" });
    const owner = await insertUser("salesperson", { showroomIds: [showroom.id] });
    const car = await insertCar({ showroomId: showroom.id });
    const process = await insertProcess(owner.id, { status: "in_progress", showroomId: showroom.id });
    await planNextContact({
      user: owner,
      processId: process.id,
      form: form({ carId: String(car.id), startDate: "2026-12-14", allDay: "on" }),
    });
    expect(await bookingsOf(car.id)).toMatchObject([
      { startAt: zonedInstant("2026-12-14", "09:00"), endAt: zonedInstant("2026-12-14", "17:00") },
    ]);
    // The evening is free again; 16:30 is not.
    const refused = await refusal(planDrive(car.id, { startDate: "2026-12-14", startTime: "16:30" }, owner as never));
    expect(refused.fieldErrors?.carId?.[0]).toMatch(/14 gru 2026, 09:00–17:00/);
  });

  test("across the clock changes: spans are real time, an hour that happens twice is its first, a skipped hour takes none", async () => {
    const car = await insertCar();
    // 2026-10-25: 02:00–03:00 happens twice; 02:30 names its first occurrence, so 01:30–02:30 is one hour.
    await planDrive(car.id, { startDate: "2026-10-25", startTime: "01:30", endTime: "02:30" });
    const [booking] = await bookingsOf(car.id);
    expect(booking.endAt.getTime() - booking.startAt.getTime()).toBe(60 * 60_000);
    // 02:15 resolves to the first 02:15, inside that booking.
    await refusal(planDrive(car.id, { startDate: "2026-10-25", startTime: "02:15" }));
    // 2026-03-29: 01:30 to 03:30 is one hour of real time; 03:00 is inside it.
    const spring = await insertCar();
    await planDrive(spring.id, { startDate: "2026-03-29", startTime: "01:30", endTime: "03:30" });
    const [short] = await bookingsOf(spring.id);
    expect(short.endAt.getTime() - short.startAt.getTime()).toBe(60 * 60_000);
    await refusal(planDrive(spring.id, { startDate: "2026-03-29", startTime: "03:00" }));
    await planDrive(spring.id, { startDate: "2026-03-29", startTime: "03:30" });
  });

  test("a period out of service refuses bookings in it and hides the car from the free ones", async () => {
    const car = await insertCar();
    await insertOutage(car.id, "2026-12-15", "2026-12-16", "Przegląd");
    const error = await refusal(planDrive(car.id, { startDate: "2026-12-16", startTime: "12:00" }));
    expect(error.fieldErrors?.carId).toEqual(["Samochód jest wyłączony z użytku: 15 gru 2026 – 16 gru 2026."]);
    const span = { startAt: zonedInstant("2026-12-16", "12:00")!, endAt: zonedInstant("2026-12-16", "12:30")! };
    expect(await freeCarIds({ showroomId: car.showroomId, span })).not.toContain(car.id);
    const after = { startAt: zonedInstant("2026-12-17", "00:00")!, endAt: zonedInstant("2026-12-17", "01:00")! };
    expect(await freeCarIds({ showroomId: car.showroomId, span: after })).toContain(car.id);
  });

  test("a car of another showroom is refused", async () => {
    const elsewhere = await insertShowroom();
    const car = await insertCar({ showroomId: elsewhere.id });
    const error = await refusal(planDrive(car.id, { startDate: "2026-12-18", startTime: "10:00" }));
    expect(error.fieldErrors?.carId).toEqual(["Ten samochód nie należy do salonu tego procesu."]);
  });

  test("executing the task frees the car from then on and keeps the licence and mileage", async () => {
    const car = await insertCar();
    const { person, result } = await planDrive(car.id, {
      startDate: "2026-12-20",
      startTime: "10:00",
      endTime: "12:00",
    });
    const now = zonedInstant("2026-12-20", "11:00")!;
    await executeTask({
      user: person,
      taskId: result.taskId!,
      now,
      form: form({
        goal: "phone_contact",
        startDate: "2026-12-21",
        startTime: "10:00",
        licenceNumber: " 01234/12/1234 ",
        mileageBefore: "12 345",
        mileageAfter: "12380",
      }),
    });
    expect(await bookingsOf(car.id)).toMatchObject([
      {
        startAt: zonedInstant("2026-12-20", "10:00"),
        endAt: now,
        licenceNumber: "01234/12/1234",
        mileageBefore: 12345,
        mileageAfter: 12380,
      },
    ]);
    // From 11:00 on the car is free again.
    await planDrive(car.id, { startDate: "2026-12-20", startTime: "11:00" });
  });

  test("mileage: numbers only, and after not below before", () => {
    const parse = (fields: Record<string, string>) => {
      try {
        form(fields);
        return null;
      } catch (error) {
        return (error as { issues: { path: string[]; message: string }[] }).issues.map((i) => [
          i.path.join("."),
          i.message,
        ]);
      }
    };
    expect(parse({ mileageBefore: "12a" })).toEqual([["mileageBefore", "Podaj liczbę całkowitą kilometrów."]]);
    expect(parse({ mileageBefore: "100", mileageAfter: "99" })).toEqual([
      ["mileageAfter", "Przebieg po nie może być mniejszy niż przebieg przed."],
    ]);
    expect(parse({ mileageBefore: "100", mileageAfter: "100" })).toBeNull();
  });
});

describe("Flota demo and Kalendarz floty", () => {
  const input = (fields: Record<string, string>) =>
    carSchema.parse({ make: "Toyota", model: "Corolla", version: "Comfort", ...fields });

  test("managers add and edit cars of their showrooms; salespeople cannot; VIN and registration are unique", async () => {
    const home = await insertShowroom();
    const away = await insertShowroom();
    const manager = await insertUser("manager", { showroomIds: [home.id] });
    const seller = await insertUser("salesperson", { showroomIds: [home.id] });
    const car = await createCar({
      actor: manager,
      input: input({ showroomId: String(home.id), registration: "wx 1234a", vin: "SB1KZ28E80E123456" }),
    });
    expect(car).toMatchObject({ registration: "WX1234A", vin: "SB1KZ28E80E123456", showroomId: home.id });

    const notAllowed = await refusal(
      createCar({
        actor: seller,
        input: input({ showroomId: String(home.id), registration: "WX1", vin: "SB1KZ28E80E654321" }),
      }),
    );
    expect(notAllowed.message).toBe("Nie masz uprawnień do tej operacji.");
    const elsewhere = await refusal(
      createCar({
        actor: manager,
        input: input({ showroomId: String(away.id), registration: "WX2", vin: "SB1KZ28E80E654321" }),
      }),
    );
    expect(elsewhere.fieldErrors).toEqual({ showroomId: ["Wybierz jeden ze swoich salonów."] });
    const taken = await refusal(
      createCar({
        actor: manager,
        input: input({ showroomId: String(home.id), registration: "WX1234A", vin: "sb1kz28e80e123456" }),
      }),
    );
    expect(taken.fieldErrors).toEqual({
      vin: ["Samochód o tym numerze VIN już jest we flocie."],
      registration: ["Samochód o tym numerze rejestracyjnym już jest we flocie."],
    });

    await updateCar({
      actor: manager,
      id: car.id,
      input: input({
        showroomId: String(home.id),
        registration: "WX1234A",
        vin: "SB1KZ28E80E123456",
        version: "GR Sport",
      }),
    });
    const [changed] = await db().select().from(demoCars).where(eq(demoCars.id, car.id));
    expect(changed.version).toBe("GR Sport");
    // Another showroom's manager does not see it, so cannot change it.
    const stranger = await insertUser("manager", { showroomIds: [away.id] });
    await refusal(
      updateCar({
        actor: stranger,
        id: car.id,
        input: input({ showroomId: String(away.id), registration: "X1", vin: "SB1KZ28E80E123456" }),
      }),
    );
    expect((await listFleet({ viewer: seller })).map((c) => c.id)).toContain(car.id);
    expect((await listFleet({ viewer: stranger })).map((c) => c.id)).not.toContain(car.id);
  });

  test("the same VIN added twice at once: one car, and the other answer is the field's error", async () => {
    const home = await insertShowroom();
    const manager = await insertUser("manager", { showroomIds: [home.id] });
    // Both pass the check for the VIN before either inserts (on PostgreSQL; SQLite takes them in turn).
    const writes = await holdWrites("demo_cars");
    const adding = Promise.allSettled(
      ["WN1", "WN2"].map((registration) =>
        createCar({
          actor: manager,
          input: input({ showroomId: String(home.id), registration, vin: "SB1KZ28E80E777777" }),
        }),
      ),
    );
    await writes.release(2);
    const results = await adding;
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { fieldErrors: { vin: ["Samochód o tym numerze VIN już jest we flocie."] } },
    });
    expect(await db().select().from(demoCars).where(eq(demoCars.vin, "SB1KZ28E80E777777"))).toHaveLength(1);
  });

  test("a period out of service is refused over a booking, named; removed by a manager", async () => {
    const manager = await insertUser("manager");
    const car = await insertCar();
    const { person } = await planDrive(car.id, { startDate: "2027-01-05", startTime: "10:00" });
    const error = await refusal(
      addOutage({
        actor: manager,
        carId: car.id,
        input: { fromDate: "2027-01-05", toDate: "2027-01-06", reason: "Serwis" },
      }),
    );
    expect(error.fieldErrors?.fromDate?.[0]).toBe(
      `W tym czasie samochód jest zarezerwowany: 5 sty 2027, 10:00–10:30, jazda próbna (${person.name}).`,
    );
    await addOutage({
      actor: manager,
      carId: car.id,
      input: { fromDate: "2027-01-07", toDate: "2027-01-07", reason: "" },
    });
    const [outage] = await db().select().from(carOutages).where(eq(carOutages.carId, car.id));
    expect(outage).toMatchObject({
      startAt: zonedInstant("2027-01-07", "00:00"),
      endAt: zonedInstant("2027-01-08", "00:00"),
    });
    await removeOutage({ actor: manager, id: outage.id });
    expect(await db().select().from(carOutages).where(eq(carOutages.carId, car.id))).toEqual([]);
  });

  test("the week by car names each booking's salesperson; the customer only to whoever may see the process", async () => {
    const car = await insertCar();
    const anna = await insertUser();
    const bartek = await insertUser();
    const manager = await insertUser("manager");
    const a = await planDrive(car.id, { startDate: "2027-02-01", startTime: "10:00" }, anna as never);
    await planDrive(car.id, { startDate: "2027-02-02", startTime: "10:00" }, bartek as never);
    const week = { from: zonedInstant("2027-02-01", "00:00")!, to: zonedInstant("2027-02-08", "00:00")! };

    const annaSees = (await fleetWeek({ viewer: anna, ...week })).bookings.filter((b) => b.carId === car.id);
    expect(annaSees.map((b) => [b.salesperson, b.customer])).toEqual([
      [anna.name, a.process.customerName],
      [bartek.name, null],
    ]);
    expect(annaSees[1].processId).toBeNull();
    const managerSees = (await fleetWeek({ viewer: manager, ...week })).bookings.filter((b) => b.carId === car.id);
    expect(managerSees.every((b) => b.customer !== null)).toBe(true);
  });
});

describe("Statystyki: test drives", () => {
  test("per car and per salesperson, and how many of their processes reached Zamówienie or Wydany", async () => {
    const showroom = await insertShowroom();
    const anna = await insertUser("salesperson", { showroomIds: [showroom.id] });
    const bartek = await insertUser("salesperson", { showroomIds: [showroom.id] });
    const manager = await insertUser("manager", { showroomIds: [showroom.id] });
    const [octavia, kodiaq] = [
      await insertCar({ showroomId: showroom.id }),
      await insertCar({ showroomId: showroom.id }),
    ];
    const drive = async (person: typeof anna, carId: number, date: string, execute = true) => {
      const process = await insertProcess(person.id, { status: "in_progress", showroomId: showroom.id });
      const { taskId } = await planNextContact({
        user: person,
        processId: process.id,
        form: form({ carId: String(carId), startDate: date, startTime: "10:00" }),
      });
      if (execute) {
        await executeTask({
          user: person,
          taskId: taskId!,
          now: zonedInstant(date, "10:30")!,
          form: form({ goal: "phone_contact", startDate: date, startTime: "15:00" }),
        });
      }
      return process;
    };
    const sold = await drive(anna, octavia.id, "2027-03-01");
    await drive(anna, octavia.id, "2027-03-02");
    const lost = await drive(bartek, kodiaq.id, "2027-03-03");
    await drive(bartek, kodiaq.id, "2027-03-04", false); // planned, not held
    await drive(bartek, kodiaq.id, "2027-04-04"); // outside the period
    await drive(anna, octavia.id, "2027-03-05", false); // planned, not held
    await transaction(async (tx) => {
      await tx.update(processes).set({ status: "order" }).where(eq(processes.id, sold.id));
      // Ordered, then resigned: it reached Zamówienie all the same.
      await tx.update(processes).set({ status: "resigned" }).where(eq(processes.id, lost.id));
      await tx.insert(processEvents).values([
        { processId: lost.id, kind: "status", fromValue: "offer", toValue: "order" },
        { processId: lost.id, kind: "status", fromValue: "order", toValue: "resigned" },
      ]);
    });

    const period = { start: zonedInstant("2027-03-01", "00:00")!, end: zonedInstant("2027-04-01", "00:00")! };
    const stats = await testDriveStats({ viewer: manager, period, showroomId: showroom.id });
    expect(stats.byCar.map((r) => [r.car.slice(-10), r.drives])).toEqual([
      [`(${octavia.registration})`.slice(-10), 2],
      [`(${kodiaq.registration})`.slice(-10), 1],
    ]);
    expect(stats.bySalesperson).toEqual([
      { name: anna.name, drives: 2 },
      { name: bartek.name, drives: 1 },
    ]);
    expect([stats.processes, stats.ordered]).toEqual([3, 2]);
    // A salesperson's numbers are their own processes'.
    const own = await testDriveStats({ viewer: bartek, period });
    expect(own.bySalesperson).toEqual([{ name: bartek.name, drives: 1 }]);
  });
});

describe("the licence number is personal data", () => {
  test("the customer's data export holds it; anonymisation removes it and keeps the drive for the fleet", async () => {
    const admin = await insertUser("admin");
    const car = await insertCar();
    const { person, process, result } = await planDrive(car.id, { startDate: "2027-05-10", startTime: "10:00" });
    await executeTask({
      user: person,
      taskId: result.taskId!,
      now: zonedInstant("2027-05-10", "10:40")!,
      form: form({
        goal: "phone_contact",
        startDate: "2027-05-11",
        startTime: "10:00",
        licenceNumber: "00777/07/0707",
        mileageBefore: "500",
        mileageAfter: "530",
      }),
    });
    const [customer] = await db().select().from(customers).where(eq(customers.id, process.customerId));
    const { data } = await collectCustomerData({ user: person, customer });
    expect(data.testDrives).toEqual([
      expect.objectContaining({
        taskId: result.taskId,
        registration: car.registration,
        licenceNumber: "00777/07/0707",
        mileageBefore: 500,
        mileageAfter: 530,
      }),
    ]);

    await anonymizeCustomers({ user: admin, customerIds: [customer.id], reason: "Żądanie klienta" });
    expect(await bookingsOf(car.id)).toEqual([
      expect.objectContaining({ taskId: result.taskId, licenceNumber: null, mileageBefore: 500, mileageAfter: 530 }),
    ]);
  });
});
