import { addDays, isCalendarDate, localDate, nextFullHour, startOfLocalDay, zonedInstant } from "@/lib/time";

const WAW = "Europe/Warsaw";

describe("dates and times in the dealership's zone (independent of the server's TZ)", () => {
  test("real calendar dates only", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("26-01-01")).toBe(false);
  });

  test("wall-clock times become the right UTC instants in winter and summer", () => {
    expect(zonedInstant("2026-01-15", "10:00", WAW)?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(zonedInstant("2026-07-15", "10:00", WAW)?.toISOString()).toBe("2026-07-15T08:00:00.000Z");
  });

  test("a time the clocks skip does not exist; one they repeat resolves to its first occurrence", () => {
    expect(zonedInstant("2026-03-29", "02:30", WAW)).toBeNull();
    expect(zonedInstant("2026-03-29", "01:59", WAW)?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedInstant("2026-03-29", "03:00", WAW)?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zonedInstant("2026-10-25", "02:30", WAW)?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedInstant("2026-10-25", "03:30", WAW)?.toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  test("local days and the next full hour", () => {
    expect(startOfLocalDay("2026-03-29", WAW).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfLocalDay("2026-03-30", WAW).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(localDate(Date.parse("2026-06-30T22:30:00Z"), WAW)).toBe("2026-07-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(nextFullHour(Date.parse("2026-11-27T10:20:00Z"), WAW)).toEqual({ date: "2026-11-27", time: "12:00" });
    expect(nextFullHour(Date.parse("2026-11-27T22:20:00Z"), WAW)).toEqual({ date: "2026-11-28", time: "00:00" });
  });
});
