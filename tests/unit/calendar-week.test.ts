import { slotOf, visibleHours, weekOf } from "@/lib/calendar/week";
import { zonedInstant } from "@/lib/time";

const zone = "Europe/Warsaw";

describe("weekOf", () => {
  test("any day of the week gives the same Monday-first week", () => {
    for (const day of ["2026-11-23", "2026-11-26", "2026-11-29"]) {
      const week = weekOf(day, new Date(), zone);
      expect(week.monday).toBe("2026-11-23");
      expect(week.days).toEqual([
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
        "2026-11-28",
        "2026-11-29",
      ]);
    }
  });

  test("a week crossing the new year", () => {
    expect(weekOf("2027-01-01", new Date(), zone).days).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
    ]);
  });

  test("without a valid date it is the current local week", () => {
    // Sunday 23:30 UTC is already Monday in Warsaw.
    const now = new Date("2026-11-29T23:30:00Z");
    expect(weekOf(undefined, now, zone).monday).toBe("2026-11-30");
    expect(weekOf("2026-02-30", now, zone).monday).toBe("2026-11-30");
    expect(weekOf("nonsense", now, zone).monday).toBe("2026-11-30");
  });

  test("the spring DST week is 167 hours long, from local midnight to local midnight", () => {
    const week = weekOf("2026-03-25", new Date(), zone);
    expect(week.monday).toBe("2026-03-23");
    expect(week.from.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(week.to.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect((week.to.getTime() - week.from.getTime()) / 3_600_000).toBe(167);
  });

  test("the autumn DST week is 169 hours long", () => {
    const week = weekOf("2026-10-25", new Date(), zone);
    expect(week.monday).toBe("2026-10-19");
    expect(week.from.toISOString()).toBe("2026-10-18T22:00:00.000Z");
    expect(week.to.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect((week.to.getTime() - week.from.getTime()) / 3_600_000).toBe(169);
  });
});

describe("slotOf", () => {
  const timed = (instant: Date) => ({ allDay: false, dueDate: null, startAt: instant, dueAt: instant });

  test("a task at 03:00 local on the spring-forward Sunday sits in the 03:00 row of that day", () => {
    const start = zonedInstant("2026-03-29", "03:00", zone)!;
    expect(start.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(slotOf(timed(start), zone)).toEqual({ day: "2026-03-29", hour: 3 });
    // Half an hour earlier in UTC is 01:30 local: the clock skipped 02:00.
    expect(slotOf(timed(new Date("2026-03-29T00:30:00Z")), zone)).toEqual({ day: "2026-03-29", hour: 1 });
  });

  test("on the fall-back Sunday both 02:00 hours sit in the 02:00 row and 03:00 in its own", () => {
    expect(slotOf(timed(new Date("2026-10-25T00:30:00Z")), zone)).toEqual({ day: "2026-10-25", hour: 2 });
    expect(slotOf(timed(new Date("2026-10-25T01:30:00Z")), zone)).toEqual({ day: "2026-10-25", hour: 2 });
    expect(slotOf(timed(new Date("2026-10-25T02:00:00Z")), zone)).toEqual({ day: "2026-10-25", hour: 3 });
  });

  test("a late evening task stays on its local day, not the UTC one", () => {
    expect(slotOf(timed(zonedInstant("2026-07-01", "23:30", zone)!), zone)).toEqual({ day: "2026-07-01", hour: 23 });
    expect(slotOf(timed(zonedInstant("2026-07-02", "00:15", zone)!), zone)).toEqual({ day: "2026-07-02", hour: 0 });
  });

  test("an all-day task sits on its date with no hour", () => {
    expect(
      slotOf({ allDay: true, dueDate: "2026-03-29", startAt: null, dueAt: new Date("2026-03-28T23:00:00Z") }, zone),
    ).toEqual({ day: "2026-03-29", hour: null });
  });
});

describe("visibleHours", () => {
  test("working hours by default, widened to the tasks' hours", () => {
    expect(visibleHours([])).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(visibleHours([3, 9])[0]).toBe(3);
    expect(visibleHours([22]).at(-1)).toBe(22);
  });
});
