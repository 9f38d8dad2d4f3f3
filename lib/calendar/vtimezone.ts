import { dayjs } from "@/lib/time";

const HOUR = 3_600_000;

function offsetMinutes(instant: number, zone: string): number {
  return dayjs(instant).tz(zone).utcOffset();
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Local wall-clock time (in the offset before the change) as iCalendar's DATE-TIME without a zone. */
function localStamp(instant: number, offset: number): string {
  return new Date(instant + offset * 60_000).toISOString().replace(/[-:]/g, "").slice(0, 15);
}

/** The instants in [from, to) at which the zone's UTC offset changes, to the minute. */
export function offsetTransitions(
  zone: string,
  from: number,
  to: number,
): { at: number; before: number; after: number }[] {
  const found: { at: number; before: number; after: number }[] = [];
  for (let t = from; t < to; t += 24 * HOUR) {
    const before = offsetMinutes(t, zone);
    const after = offsetMinutes(Math.min(t + 24 * HOUR, to), zone);
    if (before === after) continue;
    let lo = t;
    let hi = Math.min(t + 24 * HOUR, to);
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before, after });
  }
  return found;
}

/**
 * A VTIMEZONE for `zone`, from Intl's rules: one STANDARD/DAYLIGHT entry per actual change between the
 * start of last year and the end of the year after next (no RRULEs to get wrong), plus the offset in force
 * at the start. Calendar clients then place TZID times exactly as the dealership's clock shows them.
 */
export function vtimezone(zone: string, now: Date = new Date()): string {
  const year = now.getUTCFullYear();
  const from = Date.UTC(year - 1, 0, 1);
  const to = Date.UTC(year + 3, 0, 1);
  const initial = offsetMinutes(from, zone);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const component = (kind: "STANDARD" | "DAYLIGHT", at: number, before: number, after: number) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at, before)}`,
      `TZOFFSETFROM:${formatOffset(before)}`,
      `TZOFFSETTO:${formatOffset(after)}`,
      `END:${kind}`,
    );
  };
  const transitions = offsetTransitions(zone, from, to);
  // Which offsets are "daylight": the larger of the two a zone switches between.
  const standard = Math.min(initial, ...transitions.map((tr) => tr.after));
  component(initial > standard ? "DAYLIGHT" : "STANDARD", from, initial, initial);
  for (const tr of transitions) component(tr.after > standard ? "DAYLIGHT" : "STANDARD", tr.at, tr.before, tr.after);
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
