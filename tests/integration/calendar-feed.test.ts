import ical, { type VEvent } from "node-ical";
import { GET } from "@/app/api/calendar/[secret]/route";
import { createFeedSecret, hashFeedSecret, revokeFeedSecret } from "@/lib/calendar/feed";
import { eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { transaction } from "@/db/client";
import { users } from "@/db/schema";
import { addDays, localDate } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { insertAllDayTask, insertProcess, insertTimedTask, insertUser } from "../support/fixtures";

const db = useTestDatabase();

function callFeed(secret: string) {
  return GET(new Request(`http://localhost/api/calendar/${secret}`) as NextRequest, {
    params: Promise.resolve({ secret }),
  });
}

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c.type === "VEVENT");
}

beforeAll(() => {
  process.env.PUBLIC_URL = "https://crm.salon.test";
});

test("the feed serves the user's planned tasks: all-day as VALUE=DATE, timed in Europe/Warsaw, with customer, vehicle, reminder and link", async () => {
  const seller = await insertUser("salesperson", { name: "Sara Sprzedawca" });
  const other = await insertUser("salesperson");
  const proc = await insertProcess(seller.id, {
    customer: { firstName: "Anna", lastName: "Nowak" },
    vehicle: { brand: "Toyota", model: "Corolla" },
  });
  const soon = addDays(localDate(), 3);
  const timed = await insertTimedTask(
    proc.id,
    seller.id,
    { date: soon, time: "10:30" },
    { goal: "test_drive", remindAbout: "prawo jazdy" },
  );
  const allDay = await insertAllDayTask(proc.id, seller.id, addDays(localDate(), 5), { goal: "offer_presentation" });
  await insertTimedTask(proc.id, seller.id, { date: soon, time: "12:00" }, { state: "done" });
  await insertTimedTask(proc.id, seller.id, { date: addDays(localDate(), -40), time: "12:00" });
  const otherProc = await insertProcess(other.id);
  await insertTimedTask(otherProc.id, other.id, { date: soon, time: "09:00" });

  const secret = await createFeedSecret({ userId: seller.id });
  expect(secret.length).toBeGreaterThanOrEqual(40);
  const [stored] = await db().select().from(users).where(eq(users.id, seller.id));
  expect(stored.calendarFeedHash).toBe(hashFeedSecret(secret));
  expect(stored.calendarFeedHash).not.toContain(secret);

  const response = await callFeed(`${secret}.ics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw");
  expect(text).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
  expect(text).toMatch(/DTSTART;TZID=Europe\/Warsaw:\d{8}T103000/);

  const parsed = events(text);
  expect(parsed).toHaveLength(2);
  const byUid = new Map(parsed.map((e) => [e.uid, e]));
  const timedEvent = byUid.get(`task-${timed.id}@crm.salon.test`)!;
  expect(timedEvent.summary).toBe("Jazda próbna — Anna Nowak");
  expect(timedEvent.start.toISOString()).toBe(timed.startAt!.toISOString());
  expect(timedEvent.end.toISOString()).toBe(timed.endAt!.toISOString());
  expect(timedEvent.start.tz).toBe("Europe/Warsaw");
  expect(timedEvent.description).toContain("Samochód: Toyota Corolla");
  expect(timedEvent.description).toContain("Przypomnij o: prawo jazdy");
  expect(timedEvent.description).toContain(`https://crm.salon.test/procesy/${proc.id}`);
  const url = timedEvent.url as unknown as string | { val: string };
  expect(typeof url === "string" ? url : url.val).toBe(`https://crm.salon.test/procesy/${proc.id}`);

  const allDayEvent = byUid.get(`task-${allDay.id}@crm.salon.test`)!;
  expect(allDayEvent.datetype).toBe("date");
  expect(allDayEvent.summary).toBe("Przedstawienie oferty — Anna Nowak");
  expect(text).toContain(`DTSTART;VALUE=DATE:${allDay.dueDate!.replace(/-/g, "")}`);
  expect(text).toContain(`DTEND;VALUE=DATE:${addDays(allDay.dueDate!, 1).replace(/-/g, "")}`);

  // The same task keeps its UID across fetches (phones update instead of duplicating).
  const again = events(await (await callFeed(secret)).text());
  expect(again.map((e) => e.uid).sort()).toEqual(parsed.map((e) => e.uid).sort());
});

test("a task at 03:00 on the spring-forward Sunday keeps its instant in the feed", async () => {
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id);
  const task = await insertTimedTask(proc.id, seller.id, { date: "2026-03-29", time: "03:00" });
  const secret = await createFeedSecret({ userId: seller.id });
  const GETat = async () => {
    jest.useFakeTimers({
      now: new Date("2026-03-20T12:00:00Z"),
      doNotFake: ["nextTick", "setImmediate", "queueMicrotask"],
    });
    try {
      return await (await callFeed(secret)).text();
    } finally {
      jest.useRealTimers();
    }
  };
  const text = await GETat();
  expect(text).toContain("DTSTART;TZID=Europe/Warsaw:20260329T030000");
  expect(text).toContain("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200");
  const [event] = events(text);
  expect(event.start.toISOString()).toBe(task.startAt!.toISOString());
  expect(event.start.toISOString()).toBe("2026-03-29T01:00:00.000Z");
});

test("a wrong, revoked or replaced secret gets 404", async () => {
  const seller = await insertUser("salesperson");
  const first = await createFeedSecret({ userId: seller.id });
  expect((await callFeed(first)).status).toBe(200);

  const second = await createFeedSecret({ userId: seller.id });
  expect(second).not.toBe(first);
  expect((await callFeed(first)).status).toBe(404);
  expect((await callFeed(second)).status).toBe(200);

  await revokeFeedSecret({ userId: seller.id });
  expect((await callFeed(second)).status).toBe(404);
  expect((await callFeed(`${second}.ics`)).status).toBe(404);
  expect((await callFeed("x".repeat(43))).status).toBe(404);
  expect((await callFeed("")).status).toBe(404);
});

test("a deactivated user's feed stops working", async () => {
  const seller = await insertUser("salesperson");
  const secret = await createFeedSecret({ userId: seller.id });
  expect((await callFeed(secret)).status).toBe(200);
  await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.id, seller.id)));
  expect((await callFeed(secret)).status).toBe(404);
});
