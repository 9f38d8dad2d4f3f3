import { transaction } from "@/db/client";
import { countUnread } from "@/lib/notifications/counts";
import { notify, type NewNotification } from "@/lib/notifications/notify";
import {
  findOwnNotification,
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_PER_PAGE,
} from "@/lib/notifications/queries";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

useTestDatabase();

/** A notification stored the way every mutation stores one: in its own transaction. */
const notifyNow = (notification: NewNotification) => transaction((tx) => notify(tx, notification));

test("the list is the recipient's own, newest first, paginated", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("salesperson");
  const base = Date.now() - 1_000_000;
  for (let i = 0; i < NOTIFICATIONS_PER_PAGE + 2; i++)
    await notifyNow({ userId: me.id, kind: "note", message: `n${i}`, at: new Date(base + i * 1000) });
  await notifyNow({ userId: other.id, kind: "note", message: "cudze" });

  const first = await listNotifications({ user: me });
  expect(first.total).toBe(NOTIFICATIONS_PER_PAGE + 2);
  expect(first.pages).toBe(2);
  expect(first.rows[0].message).toBe(`n${NOTIFICATIONS_PER_PAGE + 1}`);
  expect(first.rows.map((r) => r.message)).not.toContain("cudze");
  const second = await listNotifications({ user: me, page: 2 });
  expect(second.rows.map((r) => r.message)).toEqual(["n1", "n0"]);
  expect((await listNotifications({ user: me, page: 99 })).page).toBe(2);
});

test("only the recipient finds and marks a notification read; mark all read clears the count", async () => {
  const me = await insertUser("salesperson");
  const other = await insertUser("manager");
  await notifyNow({ userId: me.id, kind: "assigned", message: "a" });
  await notifyNow({ userId: me.id, kind: "assigned", message: "b" });
  const [b, a] = (await listNotifications({ user: me })).rows;
  expect(await countUnread(me.id)).toBe(2);

  expect(await findOwnNotification({ userId: other.id, id: a.id })).toBeUndefined();
  await markRead({ userId: other.id, id: a.id });
  expect(await countUnread(me.id)).toBe(2);

  expect((await findOwnNotification({ userId: me.id, id: a.id }))?.message).toBe("a");
  await markRead({ userId: me.id, id: a.id });
  expect(await countUnread(me.id)).toBe(1);
  expect((await listNotifications({ user: me })).rows.find((r) => r.id === b.id)?.readAt).toBeNull();

  expect(await markAllRead({ userId: me.id })).toBe(1);
  expect(await countUnread(me.id)).toBe(0);
});

test("nobody is notified of their own doing", async () => {
  const me = await insertUser("manager");
  await notifyNow({ userId: me.id, actorId: me.id, kind: "note", message: "sam sobie" });
  expect(await countUnread(me.id)).toBe(0);
});
