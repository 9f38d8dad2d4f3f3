import {
  addDays,
  isCalendarDate,
  localDate,
  nextFullHour,
  offsetMinutesAt,
  startOfLocalDay,
  wallClock,
  zonedInstant,
} from "@/lib/time";

const WAW = "Europe/Warsaw";

describe("dates and times in the dealership's zone (independent of the server's TZ)", () => {
  test("real calendar dates only", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("26-01-01")).toBe(false);
    expect(isCalendarDate("2026-00-10")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-12-00")).toBe(false);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("0050-06-15")).toBe(true);
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
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-10-24", 7)).toBe("2026-10-31");
    expect(nextFullHour(Date.parse("2026-11-27T10:20:00Z"), WAW)).toEqual({ date: "2026-11-27", time: "12:00" });
    expect(nextFullHour(Date.parse("2026-11-27T22:20:00Z"), WAW)).toEqual({ date: "2026-11-28", time: "00:00" });
  });

  test("the remembered offsets read the same wall clocks as Intl, around every change of 2026", () => {
    // Zones with hour, half-hour (Lord Howe) and 45-minute (Kathmandu, Chatham) offsets and changes.
    for (const zone of [WAW, "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "UTC"]) {
      const intl = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      });
      const expected = (ms: number) => {
        const parts = Object.fromEntries(intl.formatToParts(ms).map((part) => [part.type, Number(part.value)]));
        return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
      };
      let checked = 0;
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 60_000 + 13_000) {
        const nearChange = offsetMinutesAt(ms - 86_400_000, zone) !== offsetMinutesAt(ms + 86_400_000, zone);
        if (!nearChange && ms % (6 * 3_600_000) > 7 * 60_000 + 13_000) continue;
        expect(wallClock(ms, zone)).toEqual(expected(ms));
        checked++;
      }
      expect(checked).toBeGreaterThan(1000);
    }
  });
});
