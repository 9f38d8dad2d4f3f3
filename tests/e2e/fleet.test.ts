import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { getDb } from "@/db/client";
import { carBookings } from "@/db/schema";
import { zonedInstant } from "@/lib/time";
import { useServerDatabase } from "../support/database";
import {
  insertCar,
  insertCarBooking,
  insertProcess,
  insertTimedTask,
  insertUser,
  type TestUser,
} from "../support/fixtures";
import { launchBrowser, newContext } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { FleetCalendarPage, FleetPage } from "./pages/fleet-page";
import { MoveTaskPage } from "./pages/move-task-page";
import { TaskFormPage } from "./pages/task-form-page";

// Test drives with the demo fleet in Chromium, with and without JavaScript: "Flota demo", booking a car
// from "Planowanie zadań" (refused next to the field when it is taken), the execution's licence and
// mileage, "Umowa jazdy próbnej" and "Kalendarz floty".

useServerDatabase();
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

async function signedIn(person: TestUser, javaScriptEnabled: boolean, mobile = false): Promise<Page> {
  const context = await newContext(browser, { javaScriptEnabled, mobile });
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}

/** A test drive planned at a local hour for an hour, with the car booked for it. */
async function bookedDrive(processId: number, sellerId: number, carId: number, date: string, time: string) {
  const startAt = zonedInstant(date, time)!;
  const endAt = new Date(startAt.getTime() + 3_600_000);
  const task = await insertTimedTask(processId, sellerId, { date, time }, { goal: "test_drive", endAt });
  await insertCarBooking(carId, task.id, { startAt, endAt });
  return task;
}

const bookingsOf = (carId: number) => getDb().select().from(carBookings).where(eq(carBookings.carId, carId));
let run = 0;

describe.each([
  ["with JavaScript", true, "2027-06-07"],
  ["without JavaScript", false, "2027-06-14"],
])("%s", (_mode, javaScript, monday) => {
  const tag = `${++run}${Date.now() % 100000}`;

  test("a manager adds a car (a wrong VIN refused next to the field) and takes it out of service; a salesperson only looks", async () => {
    const manager = await insertUser("manager");
    const seller = await insertUser("salesperson");
    const page = await signedIn(manager, javaScript, true);
    const fleet = new FleetPage(page);
    await fleet.goto();
    const registration = `WE${tag}`.slice(0, 10);
    // A North-American VIN whose check digit (position 9) is wrong.
    await fleet.add({ make: "Ford", model: "Mustang", version: "GT", registration, vin: "1FA6P8CF5L5100000" });
    await expect(fleet.addError("vin").textContent()).resolves.toBe(
      "Błędny VIN: 9. znak (cyfra kontrolna) nie zgadza się z pozostałymi.",
    );
    await expect(
      fleet
        .addForm()
        .getByLabel(/^Marka/)
        .inputValue(),
    ).resolves.toBe("Ford");
    const vin = `WF0AXXGCDA${tag}`.slice(0, 17).padEnd(17, "7");
    await fleet.add({ vin });
    await fleet.car(registration).waitFor();
    await expect(fleet.car(registration).textContent()).resolves.toContain("Ford Mustang GT");
    // No horizontal scrolling at 360 px.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

    await fleet.addOutage(registration, `${monday.slice(0, 8)}20`, `${monday.slice(0, 8)}21`, "Wymiana opon");
    await fleet.car(registration).getByText("Wymiana opon", { exact: false }).waitFor();

    const sellerPage = await signedIn(seller, javaScript);
    const sellerFleet = new FleetPage(sellerPage);
    await sellerFleet.goto();
    await sellerFleet.car(registration).waitFor();
    await expect(sellerFleet.addForm().count()).resolves.toBe(0);
    await expect(sellerFleet.car(registration).locator("summary").count()).resolves.toBe(0);
  });

  test("a test drive books a car; the same hour is refused next to the field naming the booking; execution, agreement and the fleet calendar", async () => {
    const anna = await insertUser("salesperson");
    const bartek = await insertUser("salesperson");
    const car = await insertCar();
    const annaProcess = await insertProcess(anna.id, { status: "in_progress" });
    const bartekProcess = await insertProcess(bartek.id, { status: "in_progress" });
    const label = `${car.make} ${car.model} ${car.version} (${car.registration})`;

    const page = await signedIn(anna, javaScript);
    const form = new TaskFormPage(page);
    await form.gotoPlanning(annaProcess.id);
    await form.fillNote({ initiative: "Klient", noteType: "Telefon", content: "Klient chce jazdę próbną." });
    await form.fillTask({ goal: "Jazda próbna", startDate: monday, startTime: "10:00", endTime: "11:00" });
    await form.field("Samochód demo").selectOption({ label });
    await form.saveAndReturn(annaProcess.id);
    const [booking] = await bookingsOf(car.id);
    expect(booking).toBeDefined();

    const other = await signedIn(bartek, javaScript);
    const otherForm = new TaskFormPage(other);
    await otherForm.gotoPlanning(bartekProcess.id);
    await otherForm.fillNote({ initiative: "Salon", noteType: "Telefon", content: "Też chce jechać." });
    await otherForm.fillTask({ goal: "Jazda próbna", startDate: monday, startTime: "10:30" });
    if (javaScript) {
      // Only free cars are offered: the booked one is not selectable at 10:30, and is again at 11:00.
      await otherForm.page.waitForFunction(
        (id) => !document.querySelector(`#task-car option[value="${id}"]:not([disabled])`),
        car.id,
      );
      await otherForm.fillTask({ startTime: "11:00" });
      await otherForm.page.waitForFunction(
        (id) => Boolean(document.querySelector(`#task-car option[value="${id}"]:not([disabled])`)),
        car.id,
      );
      await otherForm.fillTask({ startTime: "10:30" });
      await otherForm.page.waitForFunction(
        (id) => !document.querySelector(`#task-car option[value="${id}"]:not([disabled])`),
        car.id,
      );
    } else {
      // Without JavaScript every car is listed; the save refuses the taken one.
      await otherForm.field("Samochód demo").selectOption({ label });
      await otherForm.save();
      await other.locator("#task-car-error").waitFor();
      await expect(otherForm.errorOf("Samochód demo")).resolves.toMatch(
        new RegExp(`^Samochód jest już zarezerwowany: .*10:00–11:00, jazda próbna \\(${anna.name}\\)\\.$`),
      );
      await expect(otherForm.field("Treść notatki").inputValue()).resolves.toBe("Też chce jechać.");
      expect(await bookingsOf(car.id)).toHaveLength(1);
    }

    // Executing: licence and mileage (after not below before), then the agreement.
    await form.gotoExecution(annaProcess.id, booking.taskId);
    await form.field("Numer prawa jazdy").fill("01234/12/1234");
    await form.field("Przebieg przed (km)").fill("12500");
    await form.field("Przebieg po (km)").fill("12400");
    await form.fillNote({ initiative: "Salon", noteType: "Jazda próbna", content: "Jazda odbyta." });
    await form.fillTask({ goal: "Kontakt telefoniczny", startDate: monday, startTime: "15:00" });
    await form.save();
    await page.locator("#task-mileageAfter-error").waitFor();
    await expect(form.errorOf("Przebieg po (km)")).resolves.toBe(
      "Przebieg po nie może być mniejszy niż przebieg przed.",
    );
    await form.field("Przebieg po (km)").fill("12545");
    await form.saveAndReturn(annaProcess.id);
    const [done] = await bookingsOf(car.id);
    expect(done).toMatchObject({ licenceNumber: "01234/12/1234", mileageBefore: 12500, mileageAfter: 12545 });

    await page.goto(`/procesy/${annaProcess.id}/zadania/${booking.taskId}/umowa`);
    await page.getByRole("heading", { name: "Umowa jazdy próbnej" }).waitFor();
    await expect(page.getByTestId("agreement-customer").textContent()).resolves.toContain(annaProcess.customerName);
    await expect(page.getByTestId("agreement-licence").textContent()).resolves.toBe("01234/12/1234");
    await expect(page.getByTestId("agreement-car").textContent()).resolves.toContain(car.vin);
    await expect(page.getByTestId("agreement-mileage-after").textContent()).resolves.toBe("12545 km");
    await expect(page.getByText("Podpis klienta").isVisible()).resolves.toBe(true);
    // Printed on A4 without the app's header.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".app-header").isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: "screen" });
    // Bartek may not see Anna's process: not found.
    const response = await other.goto(`/procesy/${annaProcess.id}/zadania/${booking.taskId}/umowa`);
    expect(response?.status()).toBe(404);

    // Kalendarz floty: Anna sees her customer; Bartek sees the booking and its salesperson, not the customer.
    const annaCalendar = new FleetCalendarPage(page);
    await annaCalendar.goto(monday);
    await expect(annaCalendar.bookings(car.registration).first().textContent()).resolves.toContain(
      annaProcess.customerName,
    );
    const bartekCalendar = new FleetCalendarPage(other);
    await bartekCalendar.goto(monday);
    const seen = await bartekCalendar.bookings(car.registration).first().textContent();
    expect(seen).toContain(anna.name);
    expect(seen).toContain("klient innego sprzedawcy");
    expect(seen).not.toContain(annaProcess.customerName);
  });

  test("Zmień termin moves a test drive with its car (a clash refused next to the date); Usuń zadanie frees the car", async () => {
    const anna = await insertUser("salesperson");
    const bartek = await insertUser("salesperson");
    const car = await insertCar();
    const annaProcess = await insertProcess(anna.id, { status: "in_progress" });
    const bartekProcess = await insertProcess(bartek.id, { status: "in_progress" });
    const drive = await bookedDrive(annaProcess.id, anna.id, car.id, monday, "10:00");
    await bookedDrive(bartekProcess.id, bartek.id, car.id, monday, "12:00");

    const page = await signedIn(anna, javaScript, true);
    await page.goto(`/procesy/${annaProcess.id}`);
    const move = new MoveTaskPage(page);
    await move.openFromPanel(drive.id);
    await expect(move.field("Godzina rozpoczęcia").inputValue()).resolves.toBe("10:00");
    await expect(move.field("Godzina zakończenia").inputValue()).resolves.toBe("11:00");

    // Bartek's hour: refused next to the date, naming his booking; the typed time stays, nothing moves.
    await move.move({ startTime: "12:30", endTime: "13:30" });
    await page.locator("#task-start-date-error").waitFor();
    await expect(move.errorOf("Data rozpoczęcia")).resolves.toMatch(
      new RegExp(`^Samochód jest już zarezerwowany: .*12:00–13:00, jazda próbna \\(${bartek.name}\\)\\.$`),
    );
    await expect(move.field("Godzina rozpoczęcia").inputValue()).resolves.toBe("12:30");
    const held = (await bookingsOf(car.id)).find((booking) => booking.taskId === drive.id);
    expect(held?.startAt).toEqual(drive.startAt);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

    await move.move({ startTime: "14:00", endTime: "15:00" });
    await page.waitForURL((url) => url.pathname === `/procesy/${annaProcess.id}`);
    await expect(page.locator(`li[data-task-id="${drive.id}"]`).textContent()).resolves.toMatch(/14:00–15:00/);
    await expect(page.locator(`li[data-entry="event"]`).first().textContent()).resolves.toMatch(
      /Zmieniono termin zadania: Jazda próbna, .*10:00–11:00 → Jazda próbna, .*14:00–15:00/,
    );
    const moved = (await bookingsOf(car.id)).find((booking) => booking.taskId === drive.id);
    expect(moved!.endAt.getTime() - moved!.startAt.getTime()).toBe(3_600_000);
    expect(moved!.startAt.getTime() - drive.startAt!.getTime()).toBe(4 * 3_600_000);

    // The only planned task of an open process stays; with another one planned it may go.
    await move.goto(annaProcess.id, drive.id);
    await move.drop();
    await page.getByText(/^To jedyne zaplanowane zadanie otwartego procesu/).waitFor();
    await insertTimedTask(annaProcess.id, anna.id, { date: monday, time: "16:00" });
    await move.goto(annaProcess.id, drive.id);
    await move.drop();
    await page.waitForURL((url) => url.pathname === `/procesy/${annaProcess.id}`);
    await expect(page.locator(`li[data-task-id="${drive.id}"]`).count()).resolves.toBe(0);
    await expect(page.locator(`li[data-entry="event"]`).first().textContent()).resolves.toMatch(
      /Usunięto zadanie: Jazda próbna, .*14:00–15:00/,
    );
    expect((await bookingsOf(car.id)).map((booking) => booking.taskId)).not.toContain(drive.id);
  });
});
