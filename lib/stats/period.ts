import { config } from "@/lib/config";
import { addDays, dayjs, isCalendarDate, localDate, startOfLocalDay } from "@/lib/time";

export const PERIOD_KINDS = ["dzis", "tydzien", "miesiac", "poprzedni-miesiac", "zakres"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Longest custom range, in days: the per-day chart has one bar per day. */
export const MAX_PERIOD_DAYS = 366;

/** A range of whole local days, `from` and `to` inclusive; `start`/`end` is the half-open instant range. */
export type Period = {
  kind: PeriodKind;
  from: string;
  to: string;
  start: Date;
  end: Date;
};

export type PeriodQuery = { okres?: string | string[]; od?: string | string[]; do?: string | string[] };
export type PeriodError = "invalidRange" | "rangeTooLong";

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function lastDayOfMonth(firstDay: string): string {
  return dayjs.utc(firstDay).endOf("month").format("YYYY-MM-DD");
}

export function periodOf(kind: PeriodKind, from: string, to: string, zone = config.timeZone): Period {
  return { kind, from, to, start: startOfLocalDay(from, zone), end: startOfLocalDay(addDays(to, 1), zone) };
}

/** The named periods relative to `now`, in the dealership's time zone; the week starts on Monday. */
export function presetPeriod(
  kind: Exclude<PeriodKind, "zakres">,
  now: Date = new Date(),
  zone = config.timeZone,
): Period {
  const today = localDate(now, zone);
  switch (kind) {
    case "dzis":
      return periodOf(kind, today, today, zone);
    case "tydzien": {
      const monday = addDays(today, -((dayjs.utc(today).day() + 6) % 7));
      return periodOf(kind, monday, addDays(monday, 6), zone);
    }
    case "miesiac": {
      const first = `${today.slice(0, 7)}-01`;
      return periodOf(kind, first, lastDayOfMonth(first), zone);
    }
    case "poprzedni-miesiac": {
      const first = dayjs
        .utc(`${today.slice(0, 7)}-01`)
        .subtract(1, "month")
        .format("YYYY-MM-DD");
      return periodOf(kind, first, lastDayOfMonth(first), zone);
    }
  }
}

/**
 * The period a URL asks for (`?okres=…&od=…&do=…`). Anything missing or wrong falls back to this month;
 * a wrong custom range also says why, so the page can show it.
 */
export function resolvePeriod(
  query: PeriodQuery,
  now: Date = new Date(),
  zone = config.timeZone,
): { period: Period; error?: PeriodError } {
  const kind = single(query.okres);
  const from = single(query.od)?.trim() ?? "";
  const to = single(query.do)?.trim() ?? "";
  if (kind === "zakres" || (!kind && (from || to))) {
    if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) {
      return { period: presetPeriod("miesiac", now, zone), error: "invalidRange" };
    }
    if (dayjs.utc(to).diff(dayjs.utc(from), "day") + 1 > MAX_PERIOD_DAYS) {
      return { period: presetPeriod("miesiac", now, zone), error: "rangeTooLong" };
    }
    return { period: periodOf("zakres", from, to, zone) };
  }
  const preset = (PERIOD_KINDS as readonly string[]).includes(kind ?? "")
    ? (kind as Exclude<PeriodKind, "zakres">)
    : "miesiac";
  return { period: presetPeriod(preset, now, zone) };
}

/** Every local day of the period with its instant range (days are 23 or 25 hours when the clocks change). */
export function periodDays(
  period: Pick<Period, "from" | "to">,
  zone = config.timeZone,
): { date: string; start: Date; end: Date }[] {
  const days = [];
  let start = startOfLocalDay(period.from, zone);
  for (let date = period.from; date <= period.to;) {
    const next = addDays(date, 1);
    const end = startOfLocalDay(next, zone);
    days.push({ date, start, end });
    [date, start] = [next, end];
  }
  return days;
}

/** The query string that reproduces a period (for links and the CSV export). */
export function periodParams(period: Pick<Period, "kind" | "from" | "to">): Record<string, string> {
  return period.kind === "zakres" ? { okres: "zakres", od: period.from, do: period.to } : { okres: period.kind };
}
