import { formatTaskWhen } from "@/lib/tasks/format";

const at = (iso: string) => new Date(iso);

describe("formatTaskWhen (Europe/Warsaw)", () => {
  test("a timed task shows its start and end in local time, summer and winter", () => {
    expect(
      formatTaskWhen({
        allDay: false,
        dueDate: null,
        startAt: at("2026-07-03T08:00:00Z"),
        endAt: at("2026-07-03T08:30:00Z"),
        dueAt: at("2026-07-03T08:00:00Z"),
      }),
    ).toBe("3 lip 2026, 10:00–10:30");
    expect(
      formatTaskWhen({
        allDay: false,
        dueDate: null,
        startAt: at("2026-12-03T08:00:00Z"),
        endAt: at("2026-12-03T09:15:00Z"),
        dueAt: at("2026-12-03T08:00:00Z"),
      }),
    ).toBe("3 gru 2026, 09:00–10:15");
  });

  test("on the night the clocks go back, an hour-long task ends at the repeated hour", () => {
    // 00:30 UTC is 02:30 CEST; 01:30 UTC is 02:30 CET again.
    expect(
      formatTaskWhen({
        allDay: false,
        dueDate: null,
        startAt: at("2026-10-25T00:30:00Z"),
        endAt: at("2026-10-25T01:30:00Z"),
        dueAt: at("2026-10-25T00:30:00Z"),
      }),
    ).toBe("25 paź 2026, 02:30–02:30");
  });

  test("a task ending on another day shows the whole end", () => {
    expect(
      formatTaskWhen({
        allDay: false,
        dueDate: null,
        startAt: at("2026-07-03T20:00:00Z"),
        endAt: at("2026-07-03T22:30:00Z"),
        dueAt: at("2026-07-03T20:00:00Z"),
      }),
    ).toBe("3 lip 2026, 22:00–4 lip 2026, 00:30");
  });

  test("an all-day task shows its date, whatever instant it is stored with", () => {
    expect(
      formatTaskWhen({
        allDay: true,
        dueDate: "2026-03-29",
        startAt: null,
        endAt: null,
        dueAt: at("2026-03-28T23:00:00Z"),
      }),
    ).toBe("29 mar 2026 · cały dzień");
  });
});
