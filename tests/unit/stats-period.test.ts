import { periodDays, resolvePeriod } from "@/lib/stats/period";

const zone = "Europe/Warsaw";
// Thursday 2026-03-12, 10:00 in Warsaw (UTC+1)
const now = new Date("2026-03-12T09:00:00Z");

describe("resolvePeriod", () => {
  test("today, this week from Monday, this month and last month, in local days", () => {
    const at = (okres: string) => resolvePeriod({ okres }, now, zone).period;
    expect(at("dzis")).toMatchObject({ from: "2026-03-12", to: "2026-03-12" });
    expect(at("dzis").start.toISOString()).toBe("2026-03-11T23:00:00.000Z");
    expect(at("tydzien")).toMatchObject({ from: "2026-03-09", to: "2026-03-15" });
    expect(at("miesiac")).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    expect(at("poprzedni-miesiac")).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
  });

  test("a Sunday belongs to the week that started the Monday before", () => {
    const sunday = new Date("2026-03-15T20:00:00Z");
    expect(resolvePeriod({ okres: "tydzien" }, sunday, zone).period).toMatchObject({
      from: "2026-03-09",
      to: "2026-03-15",
    });
  });

  test("the local date decides: 00:30 in Warsaw on the 1st is already the new month", () => {
    const justAfterMidnight = new Date("2026-03-31T22:30:00Z"); // 2026-04-01 00:30 CEST
    expect(resolvePeriod({ okres: "miesiac" }, justAfterMidnight, zone).period).toMatchObject({
      from: "2026-04-01",
      to: "2026-04-30",
    });
    expect(resolvePeriod({ okres: "poprzedni-miesiac" }, justAfterMidnight, zone).period).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-31",
    });
  });

  test("a month with a clock change is 743 or 745 hours long", () => {
    const march = resolvePeriod({ okres: "miesiac" }, now, zone).period;
    expect(march.start.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(march.end.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect((march.end.getTime() - march.start.getTime()) / 3_600_000).toBe(31 * 24 - 1);
    const october = resolvePeriod({ okres: "miesiac" }, new Date("2026-10-10T10:00:00Z"), zone).period;
    expect((october.end.getTime() - october.start.getTime()) / 3_600_000).toBe(31 * 24 + 1);
  });

  test("a custom range covers both days whole; a wrong one falls back to this month and says why", () => {
    const { period, error } = resolvePeriod({ okres: "zakres", od: "2026-10-24", do: "2026-10-25" }, now, zone);
    expect(error).toBeUndefined();
    expect(period.start.toISOString()).toBe("2026-10-23T22:00:00.000Z");
    expect(period.end.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(resolvePeriod({ okres: "zakres", od: "2026-03-10", do: "2026-03-01" }, now, zone)).toMatchObject({
      error: "invalidRange",
      period: { kind: "miesiac", from: "2026-03-01" },
    });
    expect(resolvePeriod({ okres: "zakres", od: "2026-02-30", do: "2026-03-01" }, now, zone).error).toBe(
      "invalidRange",
    );
    expect(resolvePeriod({ okres: "zakres", od: "2024-01-01", do: "2026-03-01" }, now, zone).error).toBe(
      "rangeTooLong",
    );
    const fallback = resolvePeriod({ okres: "nonsense" }, now, zone);
    expect(fallback.error).toBeUndefined();
    expect(fallback.period.kind).toBe("miesiac");
  });
});

test("periodDays: the day the clocks go back is 25 hours long", () => {
  const days = periodDays({ from: "2026-10-24", to: "2026-10-26" }, zone);
  expect(days.map((d) => d.date)).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
  expect(days.map((d) => (d.end.getTime() - d.start.getTime()) / 3_600_000)).toEqual([24, 25, 24]);
});
