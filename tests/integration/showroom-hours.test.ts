import { eq } from "drizzle-orm";
import { carBookings } from "@/db/schema";
import { createShowroom, updateShowroom } from "@/lib/showrooms/mutations";
import { findShowroom } from "@/lib/showrooms/queries";
import { planNextContact } from "@/lib/tasks/mutations";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { form, insertCar, insertProcess, insertUser } from "../support/fixtures";

const db = useTestDatabase();
const HOURS = { address: undefined, phone: undefined, opensAt: "08:00", closesAt: "18:00" };

test("Godzina otwarcia and Godzina zamknięcia are saved, and an all-day test drive then books the new working day", async () => {
  const admin = await insertUser("admin");
  const manager = await insertUser("manager");
  const north = await createShowroom({ actor: admin, input: { name: "Salon Północ", ...HOURS } });
  expect(north).toMatchObject({ opensAt: "08:00", closesAt: "18:00" });
  await updateShowroom({
    actor: admin,
    id: north.id,
    input: { name: north.name, address: undefined, phone: undefined, opensAt: "09:30", closesAt: "16:00" },
  });
  expect(await findShowroom(north.id)).toMatchObject({ opensAt: "09:30", closesAt: "16:00" });
  await expect(
    updateShowroom({ actor: manager, id: north.id, input: { name: north.name, ...HOURS, opensAt: "06:00" } }),
  ).rejects.toThrow("Nie masz uprawnień");
  expect(await findShowroom(north.id)).toMatchObject({ opensAt: "09:30" });

  const car = await insertCar({ showroomId: north.id });
  const seller = await insertUser("salesperson", { showroomIds: [north.id] });
  const process = await insertProcess(seller.id, { status: "in_progress", showroomId: north.id });
  const { taskId } = await planNextContact({
    user: seller,
    processId: process.id,
    form: form({ carId: String(car.id), startDate: "2026-12-10", allDay: "on" }),
  });
  const [booking] = await db().select().from(carBookings).where(eq(carBookings.taskId, taskId!));
  expect(booking).toMatchObject({
    startAt: zonedInstant("2026-12-10", "09:30"),
    endAt: zonedInstant("2026-12-10", "16:00"),
  });
});
