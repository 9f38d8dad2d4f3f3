import { carBookings, demoCars } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { DEMO_CARS } from "@/db/seed-fleet";
import { weekOf } from "@/lib/calendar/week";
import { vinProblem } from "@/lib/fleet/vin";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();

test("npm run demo seeds four cars with bookings this week that never overlap", async () => {
  const now = new Date("2026-12-02T09:00:00Z"); // a Wednesday
  expect(await seedDemo(now)).toBe(true);
  const cars = await db().select().from(demoCars);
  expect(cars.map((car) => car.registration)).toEqual(DEMO_CARS.map((car) => car.registration));
  expect(new Set(cars.map((car) => car.showroomId)).size).toBe(2);
  for (const car of cars) expect(vinProblem(car.vin)).toBeNull();

  const week = weekOf(undefined, now);
  const bookings = await db().select().from(carBookings);
  expect(bookings.length).toBeGreaterThanOrEqual(8);
  for (const booking of bookings) {
    expect(booking.startAt >= week.from && booking.endAt <= week.to).toBe(true);
    const others = bookings.filter((b) => b.carId === booking.carId && b.id !== booking.id);
    for (const other of others) expect(other.startAt >= booking.endAt || other.endAt <= booking.startAt).toBe(true);
  }
  // Each car has some.
  expect(new Set(bookings.map((b) => b.carId)).size).toBe(4);
});
