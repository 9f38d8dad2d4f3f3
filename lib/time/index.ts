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
  return DATE_RE.test(value) && dayjs(value, "YYYY-MM-DD", true).isValid();
}

export function isClockTime(value: string): boolean {
  return TIME_RE.test(value);
}

function offsetMinutesAt(instantMs: number, zone: string): number {
  return dayjs(instantMs).tz(zone).utcOffset();
}

/**
 * The instant a wall-clock time in `zone` names, or null when the clocks skip it (a DST gap).
 * A time that happens twice (clocks going back) resolves to its first occurrence.
 */
export function zonedInstant(date: string, time: string, zone = config.timeZone): Date | null {
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force just before and after; the earlier valid reading wins.
  const candidates = [asUtc - offsetMinutesAt(asUtc - 86_400_000 / 2, zone) * 60_000, asUtc - offsetMinutesAt(asUtc + 86_400_000 / 2, zone) * 60_000]
    .filter((ms) => dayjs(ms).tz(zone).format("YYYY-MM-DD HH:mm") === `${date} ${time}`)
    .sort((a, b) => a - b);
  return candidates.length ? new Date(candidates[0]) : null;
}

/** Local midnight of a date in `zone`, as an instant. */
export function startOfLocalDay(date: string, zone = config.timeZone): Date {
  const instant = zonedInstant(date, "00:00", zone) ?? zonedInstant(date, "01:00", zone);
  if (!instant) throw new Error(`Invalid date ${date}`);
  return instant;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date | number = Date.now(), zone = config.timeZone): string {
  return dayjs(instant).tz(zone).format("YYYY-MM-DD");
}

export function localTime(instant: Date | number, zone = config.timeZone): string {
  return dayjs(instant).tz(zone).format("HH:mm");
}

/** Adds days to a YYYY-MM-DD date, calendar-wise. */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, "day").format("YYYY-MM-DD");
}

/** Default start of a planned task: today, the next full hour (local). */
export function nextFullHour(now: Date | number = Date.now(), zone = config.timeZone): { date: string; time: string } {
  const next = dayjs(now).tz(zone).add(1, "hour").startOf("hour");
  return { date: next.format("YYYY-MM-DD"), time: next.format("HH:mm") };
}

export function formatDateTime(instant: Date | number, zone = config.timeZone): string {
  return dayjs(instant).tz(zone).format("D MMM YYYY, HH:mm");
}

export function formatDate(instant: Date | number | string, zone = config.timeZone): string {
  if (typeof instant === "string") return dayjs.utc(instant).format("D MMM YYYY");
  return dayjs(instant).tz(zone).format("D MMM YYYY");
}

/** "pon., 30 lis" style label of a YYYY-MM-DD date. */
export function formatDayLabel(date: string): string {
  return dayjs.utc(date).locale("pl").format("dddd, D MMMM");
}
