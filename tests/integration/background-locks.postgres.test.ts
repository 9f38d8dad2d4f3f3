import { tryAdvisoryLock } from "@/db/client";
import { BACKGROUND_LOCKS } from "@/lib/notifications/worker";
import { useTestDatabase } from "../support/database";

useTestDatabase();

test("a background job runs on one server at a time: while one holds its lock another skips it, then takes it", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const running = new Promise<void>((resolve) => (started = resolve));
  const first = tryAdvisoryLock(BACKGROUND_LOCKS.mail, async () => {
    started();
    await held;
    return "first";
  });
  await running;
  // Each call takes the lock on a connection of its own, as another server would.
  let ran = false;
  await expect(
    tryAdvisoryLock(BACKGROUND_LOCKS.mail, async () => {
      ran = true;
      return "second";
    }),
  ).resolves.toEqual({ ran: false });
  expect(ran).toBe(false);
  // Another job's lock is another lock.
  await expect(tryAdvisoryLock(BACKGROUND_LOCKS.reminders, async () => "reminders")).resolves.toEqual({
    ran: true,
    value: "reminders",
  });
  release();
  await expect(first).resolves.toEqual({ ran: true, value: "first" });
  await expect(tryAdvisoryLock(BACKGROUND_LOCKS.mail, async () => "third")).resolves.toEqual({
    ran: true,
    value: "third",
  });
});

test("a job that throws releases its lock", async () => {
  await expect(
    tryAdvisoryLock(BACKGROUND_LOCKS.mail, async () => {
      throw new Error("serwer poczty nie odpowiada");
    }),
  ).rejects.toThrow("serwer poczty nie odpowiada");
  await expect(tryAdvisoryLock(BACKGROUND_LOCKS.mail, async () => 1)).resolves.toEqual({ ran: true, value: 1 });
});
