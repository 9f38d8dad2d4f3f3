import { pageSessionFromClaims, sessionFromClaims } from "@/lib/auth/session";
import { markRead } from "@/lib/notifications/queries";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import {
  insertAllDayTask,
  insertNotification,
  insertProcess,
  insertSession,
  insertTimedTask,
  insertUser,
  type TestUser,
} from "../support/fixtures";

useTestDatabase();

/** The navigation's badges as a page reads them: with the user's session, in the same statement. */
async function navigationBadges(user: TestUser, at: Date) {
  const claims = { sub: String(user.id), sid: (await insertSession(user)).id };
  const session = (await pageSessionFromClaims(claims, at.getTime()))!;
  expect(session).toEqual({ ...(await sessionFromClaims(claims, at.getTime())), badges: expect.anything() });
  return session.badges;
}

// 3 December 2026, 11:00 in the dealership's zone.
const now = zonedInstant("2026-12-03", "11:00")!;

test("'Moje zadania' counts the user's planned tasks overdue or due by the end of today", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("salesperson");
  const { id } = await insertProcess(me.id);
  await insertTimedTask(id, me.id, { date: "2026-12-01", time: "09:00" }); // overdue
  await insertAllDayTask(id, me.id, "2026-12-03"); // today, all day
  await insertTimedTask(id, me.id, { date: "2026-12-03", time: "23:30" }); // late today
  await insertTimedTask(id, me.id, { date: "2026-12-04", time: "00:00" }); // tomorrow
  await insertAllDayTask(id, me.id, "2026-12-04");
  await insertTimedTask(
    id,
    me.id,
    { date: "2026-12-02", time: "10:00" },
    { state: "done", doneAt: now, doneById: me.id },
  );
  await insertTimedTask(id, other.id, { date: "2026-12-02", time: "10:00" }); // someone else's

  expect((await navigationBadges(me, now)).due).toBe(3);
  expect((await navigationBadges(other, now)).due).toBe(1);
  expect((await navigationBadges(me, zonedInstant("2026-12-04", "08:00")!)).due).toBe(5);
});

test("'Powiadomienia' counts the user's unread notifications, beside the tasks in the same read", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("manager");
  const read = await insertNotification({ userId: me.id, message: "przeczytane" });
  await insertNotification({ userId: me.id, message: "nowe" });
  await insertNotification({ userId: me.id, message: "nowsze" });
  await insertNotification({ userId: other.id, message: "cudze" });
  await markRead({ userId: me.id, id: read.id });

  expect(await navigationBadges(me, now)).toEqual({ unread: 2, due: 0 });
  expect(await navigationBadges(other, now)).toEqual({ unread: 1, due: 0 });
  expect(await navigationBadges(await insertUser("salesperson"), now)).toEqual({ unread: 0, due: 0 });
});

test("a page's session with its badges is refused like any other: gone, expired, another user's, an inactive user's", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("salesperson");
  const { id } = await insertSession(me);
  expect(await pageSessionFromClaims({ sub: String(me.id), sid: id })).toMatchObject({ user: { id: me.id } });
  expect(await pageSessionFromClaims({ sub: String(other.id), sid: id })).toBeNull();
  expect(await pageSessionFromClaims({ sub: String(me.id), sid: "nieznana" })).toBeNull();
  expect(await pageSessionFromClaims({ sub: "x", sid: id })).toBeNull();
  expect(await pageSessionFromClaims({ sub: String(me.id), sid: id }, Date.now() + 400 * 86_400_000)).toBeNull();
  const inactive = await insertUser("salesperson", { active: false });
  expect(await pageSessionFromClaims({ sub: String(inactive.id), sid: (await insertSession(inactive)).id })).toBeNull();
});
