import "server-only";
import { getDb } from "@/db/client";
import { activityByUser, activityPerDay, salesFunnel } from "./queries";

/**
 * Statistics are aggregates over hundreds of thousands of rows; a manager's dashboard is read far more
 * often than the numbers change. Results are kept until the data changes (a new note, event, task,
 * process or user: executing a task always adds a note, every status or owner change an event) or for
 * a minute at most, since "overdue now" moves with the clock.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 200;
const entries = new Map<string, { expires: number; version: string; value: unknown }>();

function dataVersion(): string {
  const row = getDb()
    .$client.prepare(
      `SELECT (SELECT max(id) FROM notes), (SELECT max(id) FROM process_events), (SELECT max(id) FROM tasks),
              (SELECT max(id) FROM processes), (SELECT max(id) FROM users), (SELECT sum(session_version) FROM users)`,
    )
    .raw()
    .get();
  return JSON.stringify(row);
}

export function memoStats<T>(key: readonly unknown[], compute: () => T, now = Date.now()): T {
  const id = JSON.stringify(key);
  const version = dataVersion();
  const hit = entries.get(id);
  if (hit && hit.expires > now && hit.version === version) return hit.value as T;
  const value = compute();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(id, { expires: now + TTL_MS, version, value });
  return value;
}

type Viewer = Parameters<typeof activityByUser>[0]["viewer"];
type Range = Parameters<typeof activityByUser>[0]["period"];
const scope = (viewer: Viewer, period: Range) => [viewer.id, viewer.role, period.start.getTime(), period.end.getTime()];

export function cachedActivityByUser(args: { viewer: Viewer; period: Range; userId?: number }) {
  return memoStats(["activity", ...scope(args.viewer, args.period), args.userId], () => activityByUser(args));
}

export function cachedSalesFunnel(args: Parameters<typeof salesFunnel>[0] & { viewer: Viewer; period: Range }) {
  return memoStats(["funnel", ...scope(args.viewer, args.period), args.mode, args.ownerId], () => salesFunnel(args));
}

export function cachedActivityPerDay(args: { viewer: Viewer; userId: number; period: Parameters<typeof activityPerDay>[0]["period"] & Range }) {
  return memoStats(["days", ...scope(args.viewer, args.period), args.userId], () => activityPerDay(args));
}
