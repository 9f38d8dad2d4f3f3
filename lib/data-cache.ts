import "server-only";
import { getDb } from "@/db/client";
import { config } from "@/lib/config";

/**
 * Aggregates over the whole dealership (statistics, counts per status) are read far more often than
 * their numbers change. A result is kept until the data changes (a new note, event, task, process or
 * user, or a user's deactivation: executing a task always adds a note, every status or owner change an
 * event) or for a minute at most, since "overdue now" moves with the clock.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 200;
const entries = new Map<string, { expires: number; version: string; value: unknown }>();

function dataVersion(): string {
  const row = getDb()
    .$client.prepare(
      `SELECT (SELECT max(id) FROM notes), (SELECT max(id) FROM process_events), (SELECT max(id) FROM tasks),
              (SELECT max(id) FROM processes), (SELECT max(id) FROM users), (SELECT sum(session_version) FROM users),
              (SELECT sum(active) FROM users)`,
    )
    .raw()
    .get();
  return `${config.databaseFile} ${JSON.stringify(row)}`;
}

export function memoUntilDataChanges<T>(key: readonly unknown[], compute: () => T, now = Date.now()): T {
  const id = JSON.stringify(key);
  const version = dataVersion();
  const hit = entries.get(id);
  if (hit && hit.expires > now && hit.version === version) return hit.value as T;
  const value = compute();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(id, { expires: now + TTL_MS, version, value });
  return value;
}
