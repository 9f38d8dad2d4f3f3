import { getDb } from "@/db/client";
import { countUnread } from "@/lib/notifications/counts";
import { notify } from "@/lib/notifications/notify";
import {
  findOwnNotification,
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_PER_PAGE,
} from "@/lib/notifications/queries";
import { insertUser, useTestDatabase } from "./helpers";

useTestDatabase();

test("the list is the recipient's own, newest first, paginated", () => {
  const me = insertUser("salesperson");
  const other = insertUser("salesperson");
  const base = Date.now() - 1_000_000;
  for (let i = 0; i < NOTIFICATIONS_PER_PAGE + 2; i++)
    notify(getDb(), { userId: me.id, kind: "note", message: `n${i}`, at: new Date(base + i * 1000) });
  notify(getDb(), { userId: other.id, kind: "note", message: "cudze" });

  const first = listNotifications({ userId: me.id });
  expect(first.total).toBe(NOTIFICATIONS_PER_PAGE + 2);
  expect(first.pages).toBe(2);
  expect(first.rows[0].message).toBe(`n${NOTIFICATIONS_PER_PAGE + 1}`);
  expect(first.rows.map((r) => r.message)).not.toContain("cudze");
  const second = listNotifications({ userId: me.id, page: 2 });
  expect(second.rows.map((r) => r.message)).toEqual(["n1", "n0"]);
  expect(listNotifications({ userId: me.id, page: 99 }).page).toBe(2);
});

test("only the recipient finds and marks a notification read; mark all read clears the count", () => {
  const me = insertUser("salesperson");
  const other = insertUser("manager");
  notify(getDb(), { userId: me.id, kind: "assigned", message: "a" });
  notify(getDb(), { userId: me.id, kind: "assigned", message: "b" });
  const [b, a] = listNotifications({ userId: me.id }).rows;
  expect(countUnread(me.id)).toBe(2);

  expect(findOwnNotification({ userId: other.id, id: a.id })).toBeUndefined();
  markRead({ userId: other.id, id: a.id });
  expect(countUnread(me.id)).toBe(2);

  expect(findOwnNotification({ userId: me.id, id: a.id })?.message).toBe("a");
  markRead({ userId: me.id, id: a.id });
  expect(countUnread(me.id)).toBe(1);
  expect(listNotifications({ userId: me.id }).rows.find((r) => r.id === b.id)?.readAt).toBeNull();

  expect(markAllRead({ userId: me.id })).toBe(1);
  expect(countUnread(me.id)).toBe(0);
});

test("nobody is notified of their own doing", () => {
  const me = insertUser("manager");
  notify(getDb(), { userId: me.id, actorId: me.id, kind: "note", message: "sam sobie" });
  expect(countUnread(me.id)).toBe(0);
});
