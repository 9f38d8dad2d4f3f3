import { overdueBounds, taskIsOverdue } from "@/lib/tasks/overdue";
import { zonedInstant } from "@/lib/time";

// In Europe/Warsaw the clocks go forward on 2026-03-29 at 02:00 (a 23-hour day) and back on 2026-10-25
// at 03:00 (25 hours). An all-day task is stored at its date's local midnight; a timed one at its start.
const zone = "Europe/Warsaw";
const at = (iso: string) => new Date(iso);
const local = (date: string, time: string) => zonedInstant(date, time, zone)!;
const allDay = (midnight: string) => ({ allDay: true, dueAt: at(midnight) });
const timed = (start: string) => ({ allDay: false, dueAt: at(start) });
const overdue = (task: { allDay: boolean; dueAt: Date }, now: Date) => taskIsOverdue(task, now, zone);

describe("an all-day task is overdue from the local midnight after its date", () => {
  test("an ordinary day: not at 23:59 of its date, from 00:00 the next day", () => {
    const task = allDay("2026-11-26T23:00:00Z"); // 2026-11-27
    expect(overdue(task, local("2026-11-27", "00:00"))).toBe(false);
    expect(overdue(task, local("2026-11-27", "12:00"))).toBe(false);
    expect(overdue(task, local("2026-11-27", "23:59"))).toBe(false);
    expect(overdue(task, at("2026-11-27T22:59:59.999Z"))).toBe(false);
    expect(local("2026-11-28", "00:00").toISOString()).toBe("2026-11-27T23:00:00.000Z");
    expect(overdue(task, local("2026-11-28", "00:00"))).toBe(true);
    // Yesterday's all-day task, seen at noon.
    expect(overdue(allDay("2026-11-25T23:00:00Z"), local("2026-11-27", "12:00"))).toBe(true);
  });

  test("the spring-forward day lasts 23 hours: overdue at 00:00 of March 30th, not 24 hours after its start", () => {
    const task = allDay("2026-03-28T23:00:00Z"); // 2026-03-29, from 00:00 CET
    expect(overdue(task, local("2026-03-29", "23:59"))).toBe(false);
    expect(local("2026-03-30", "00:00").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(overdue(task, local("2026-03-30", "00:00"))).toBe(true);
    expect(overdue(task, local("2026-03-30", "00:30"))).toBe(true);
    // The day before the change is an ordinary one.
    const saturday = allDay("2026-03-27T23:00:00Z"); // 2026-03-28
    expect(overdue(saturday, local("2026-03-28", "23:59"))).toBe(false);
    expect(overdue(saturday, local("2026-03-29", "00:00"))).toBe(true);
  });

  test("the fall-back day lasts 25 hours: still due at 23:30 of October 25th, 24.5 hours after its start", () => {
    const task = allDay("2026-10-24T22:00:00Z"); // 2026-10-25, from 00:00 CEST
    expect(overdue(task, at("2026-10-25T22:30:00Z"))).toBe(false); // 23:30 CET
    expect(overdue(task, local("2026-10-25", "23:59"))).toBe(false);
    expect(local("2026-10-26", "00:00").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(overdue(task, local("2026-10-26", "00:00"))).toBe(true);
  });
});

describe("a timed task is overdue once its start has passed", () => {
  test("not at its start instant, a millisecond later it is", () => {
    const task = timed("2026-11-27T10:00:00Z"); // 11:00 local
    expect(overdue(task, at("2026-11-27T09:59:59.999Z"))).toBe(false);
    expect(overdue(task, at("2026-11-27T10:00:00.000Z"))).toBe(false);
    expect(overdue(task, at("2026-11-27T10:00:00.001Z"))).toBe(true);
    expect(overdue(task, local("2026-11-27", "12:00"))).toBe(true);
    expect(overdue(timed("2026-11-27T12:00:00Z"), local("2026-11-27", "12:00"))).toBe(false); // 13:00 local
  });

  test("across the spring change: 03:00 on March 29th comes an hour after 01:59", () => {
    const task = timed("2026-03-29T01:00:00Z");
    expect(local("2026-03-29", "03:00")).toEqual(task.dueAt);
    expect(overdue(task, at("2026-03-29T00:59:59.999Z"))).toBe(false); // 01:59:59 CET
    expect(overdue(task, local("2026-03-29", "03:00"))).toBe(false);
    expect(overdue(task, at("2026-03-29T01:00:00.001Z"))).toBe(true);
  });

  test("across the autumn change: instants count, not the twice-shown wall clock", () => {
    const first = timed("2026-10-25T00:30:00Z"); // 02:30 CEST
    const second = timed("2026-10-25T01:30:00Z"); // 02:30 CET, an hour later
    expect(overdue(first, second.dueAt)).toBe(true);
    expect(overdue(second, first.dueAt)).toBe(false);
    expect(overdue(second, second.dueAt)).toBe(false);
    expect(overdue(second, at("2026-10-25T01:30:00.001Z"))).toBe(true);
  });
});

test("the bounds the SQL condition compares with are now and the start of the local day", () => {
  expect(overdueBounds(at("2026-03-29T21:59:00Z"), zone)).toEqual({
    now: at("2026-03-29T21:59:00Z"),
    startOfToday: at("2026-03-28T23:00:00Z"),
  });
  expect(overdueBounds(at("2026-10-25T22:59:00Z"), zone).startOfToday).toEqual(at("2026-10-24T22:00:00Z"));
  expect(overdueBounds(at("2026-10-25T23:00:00Z"), zone).startOfToday).toEqual(at("2026-10-25T23:00:00Z"));
});
