import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import { getDb, rawRows } from "@/db/client";
import { commitsSeen } from "@/db/sql";
import { config } from "@/lib/config";

/**
 * Aggregates over the whole dealership (statistics, counts per status) are read far more often than
 * their numbers change. A result is kept until the data changes (a new note, event, task, process or
 * user, a user's deactivation, a change of who works where: executing a task always adds a note, every
 * status, owner or showroom change an event) or for a minute at most, since "overdue now" moves with the clock. The version is read from the
 * database on every use, so a change made by another server counts too.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 200;
const entries = new Map<string, { expires: number; version: string; value: unknown }>();
/**
 * Computations under way, by key and data version: requests that miss the same entry at once (a page
 * under load, right after a change) wait for one computation instead of each running the queries.
 */
const pending = new Map<string, Promise<unknown>>();

async function dataVersion(): Promise<string> {
  const [row] = await rawRows<Record<string, unknown>>(
    getDb(),
    sql`SELECT (SELECT max(id) FROM notes) AS notes, (SELECT max(id) FROM process_events) AS events,
      (SELECT max(id) FROM tasks) AS tasks, (SELECT max(id) FROM processes) AS processes,
      (SELECT max(id) FROM users) AS users,
      (SELECT sum(CASE WHEN active THEN 1 ELSE 0 END) FROM users) AS active,
      (SELECT max(id) FROM user_showrooms) AS memberships, (SELECT count(*) FROM user_showrooms) AS members,
      ${commitsSeen()} AS commits`,
  );
  return `${config.databaseUrl || config.databaseFile} ${JSON.stringify(Object.values(row).map(String))}`;
}

/**
 * One version read per request, shared by the page's cached parts (outside a request, e.g. in a script or
 * a test, each call reads anew). A change committed before the request began is in it; no server action
 * reads these cached numbers, so an action's own write never precedes the request's version read.
 */
const versionOfThisRequest = cache(dataVersion);

export async function memoUntilDataChanges<T>(
  key: readonly unknown[],
  compute: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const id = JSON.stringify(key);
  const version = await versionOfThisRequest();
  const hit = entries.get(id);
  if (hit && hit.expires > now && hit.version === version) return hit.value as T;
  const computing = `${version} ${id}`;
  const running = pending.get(computing);
  if (running) return (await running) as T;
  const promise = compute();
  pending.set(computing, promise);
  try {
    const value = await promise;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(id, { expires: now + TTL_MS, version, value });
    return value;
  } finally {
    pending.delete(computing);
  }
}
