import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import customParseFormat from "dayjs/plugin/customParseFormat";
import "dayjs/locale/pl";
import { config } from "@/lib/config";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.locale("pl");

export { dayjs };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  // Plain arithmetic: a strict dayjs parse costs ~20 µs, and an import checks a date on every row.
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isClockTime(value: string): boolean {
  return TIME_RE.test(value);
}

let settingZone: string | undefined;
/** The dealership's zone (the setting, read once: pages ask for it hundreds of times). */
function dealershipZone(): string {
  return (settingZone ??= config.timeZone);
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

// dayjs's time-zone plugin costs ~150 µs a call; a cached Intl formatter ~3 µs. Pages format hundreds
// of times per request, so the zone arithmetic below reads wall clocks straight from Intl.
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function exactWallClock(instant: Date | number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(zone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

function exactOffsetMinutes(ms: number, zone: string): number {
  const clock = exactWallClock(ms, zone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const DAY_MS = 86_400_000;
// Even formatToParts (~5 µs) adds up over a page of dates. A zone's offset changes at most once a day,
// so each UTC day remembers its offset when it holds from the day's first minute to its last; the days
// with a change (two a year in Warsaw) are read exactly.
const steadyOffsets = new Map<string, Map<number, number | null>>();
function steadyOffsetMinutes(ms: number, zone: string): number | null {
  let days = steadyOffsets.get(zone);
  if (!days) steadyOffsets.set(zone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = exactOffsetMinutes(day * DAY_MS, zone);
    offset = first === exactOffsetMinutes(day * DAY_MS + DAY_MS - 60_000, zone) ? first : null;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/** The wall clock in `zone` at an instant. */
export function wallClock(instant: Date | number, zone = dealershipZone()): WallClock {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  // Before 1970 zones had offsets in seconds (local mean time): read those exactly too.
  const offset = ms >= 0 && ms < 8.64e15 ? steadyOffsetMinutes(ms, zone) : null;
  if (offset === null) return exactWallClock(ms, zone);
  const shifted = new Date(ms + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (clock: WallClock) => `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
const timeOf = (clock: WallClock) => `${pad(clock.hour)}:${pad(clock.minute)}`;

/** The zone's offset from UTC at an instant, in minutes (Warsaw: 60 in winter, 120 in summer). */
export function offsetMinutesAt(instant: Date | number, zone = dealershipZone()): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return (ms >= 0 ? steadyOffsetMinutes(ms, zone) : null) ?? exactOffsetMinutes(ms, zone);
}

/**
 * The instant a wall-clock time in `zone` names, or null when the clocks skip it (a DST gap).
 * A time that happens twice (clocks going back) resolves to its first occurrence.
 */
export function zonedInstant(date: string, time: string, zone = dealershipZone()): Date | null {
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force half a day before and after; the earlier valid reading wins.
  const candidates = [
    asUtc - offsetMinutesAt(asUtc - 43_200_000, zone) * 60_000,
    asUtc - offsetMinutesAt(asUtc + 43_200_000, zone) * 60_000,
  ]
    .filter((ms) => {
      const clock = wallClock(ms, zone);
      return dateOf(clock) === date && timeOf(clock) === time;
    })
    .sort((a, b) => a - b);
  return candidates.length ? new Date(candidates[0]) : null;
}

const dayStarts = new Map<string, Date>();

/** Local midnight of a date in `zone`, as an instant (01:00 where midnight does not exist). */
export function startOfLocalDay(date: string, zone = dealershipZone()): Date {
  const key = `${zone} ${date}`;
  let start = dayStarts.get(key);
  if (!start) {
    const instant = zonedInstant(date, "00:00", zone) ?? zonedInstant(date, "01:00", zone);
    if (!instant) throw new Error(`Invalid date ${date}`);
    if (dayStarts.size > 5000) dayStarts.clear();
    dayStarts.set(key, instant);
    start = instant;
  }
  return new Date(start.getTime());
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date | number = Date.now(), zone = dealershipZone()): string {
  return dateOf(wallClock(instant, zone));
}

export function localTime(instant: Date | number, zone = dealershipZone()): string {
  return timeOf(wallClock(instant, zone));
}

/** Adds days to a YYYY-MM-DD date, calendar-wise. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Default start of a planned task: today, the next full hour (local). */
export function nextFullHour(now: Date | number = Date.now(), zone = dealershipZone()): { date: string; time: string } {
  const ms = typeof now === "number" ? now : now.getTime();
  const next = wallClock(Math.floor(ms / 3_600_000) * 3_600_000 + 3_600_000, zone);
  return { date: dateOf(next), time: `${pad(next.hour)}:00` };
}

const monthsShort = (dayjs.Ls.pl.monthsShort as string[] | undefined) ?? [];

function dayMonthYear(clock: WallClock): string {
  return `${clock.day} ${monthsShort[clock.month - 1]} ${clock.year}`;
}

export function formatDateTime(instant: Date | number, zone = dealershipZone()): string {
  const clock = wallClock(instant, zone);
  return `${dayMonthYear(clock)}, ${timeOf(clock)}`;
}

export function formatDate(instant: Date | number | string, zone = dealershipZone()): string {
  if (typeof instant === "string") {
    const [year, month, day] = instant.split("-").map(Number);
    return dayMonthYear({ year, month, day, hour: 0, minute: 0 });
  }
  return dayMonthYear(wallClock(instant, zone));
}

/** "pon., 30 lis" style label of a YYYY-MM-DD date. */
export function formatDayLabel(date: string): string {
  return dayjs.utc(date).locale("pl").format("dddd, D MMMM");
}
