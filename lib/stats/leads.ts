import "server-only";
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { leadSources, leadSubmissions, processes, tasks, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { viewScope, visibleProcesses } from "@/lib/processes/access";

type Range = { start: Date; end: Date };

/** Leads received (new processes and enquiries added to open ones) and the median minutes to first contact. */
export type LeadNumbers = { received: number; medianFirstContactMinutes: number | null };
export type LeadRow = LeadNumbers & { id: number; name: string };

/** The median of durations in ms, in whole minutes; null when there are none. */
export function medianMinutes(durations: readonly number[]): number | null {
  if (!durations.length) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(median / 60_000);
}

/**
 * The leads of a period, as the viewer may count them (a salesperson their own, a manager their
 * showrooms', an admin all), grouped by salesperson, by source and by showroom. The time to first
 * contact runs from the lead's arrival to the completion of its "Kontakt telefoniczny".
 */
export async function leadNumbers({
  viewer,
  period,
  showroomId,
}: {
  viewer: Viewer;
  period: Range;
  showroomId?: number;
}) {
  const rows = await getDb()
    .select({
      receivedAt: leadSubmissions.receivedAt,
      assigneeId: leadSubmissions.assigneeId,
      assigneeName: users.name,
      sourceId: leadSources.id,
      sourceName: leadSources.name,
      showroomId: processes.showroomId,
      doneAt: tasks.doneAt,
    })
    .from(leadSubmissions)
    .innerJoin(leadSources, eq(leadSources.id, leadSubmissions.sourceId))
    .innerJoin(processes, eq(processes.id, leadSubmissions.processId))
    .innerJoin(users, eq(users.id, leadSubmissions.assigneeId))
    .leftJoin(tasks, and(eq(tasks.id, leadSubmissions.taskId), eq(tasks.state, "done")))
    .where(
      and(
        inArray(leadSubmissions.result, ["created", "attached"]),
        gte(leadSubmissions.receivedAt, period.start),
        lt(leadSubmissions.receivedAt, period.end),
        viewScope(viewer) === "own"
          ? eq(leadSubmissions.assigneeId, viewer.id)
          : visibleProcesses(viewScope(viewer), viewer.id),
        showroomId === undefined ? undefined : eq(processes.showroomId, showroomId),
      ),
    );
  const group = (key: (row: (typeof rows)[number]) => [number, string]) => {
    const groups = new Map<number, { name: string; received: number; durations: number[] }>();
    for (const row of rows) {
      const [id, name] = key(row);
      const entry = groups.get(id) ?? { name, received: 0, durations: [] };
      entry.received++;
      if (row.doneAt) entry.durations.push(row.doneAt.getTime() - row.receivedAt.getTime());
      groups.set(id, entry);
    }
    return [...groups.entries()]
      .map(([id, entry]) => ({
        id,
        name: entry.name,
        received: entry.received,
        medianFirstContactMinutes: medianMinutes(entry.durations),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "pl"));
  };
  return {
    bySalesperson: group((row) => [row.assigneeId!, row.assigneeName]),
    bySource: group((row) => [row.sourceId, row.sourceName]),
    byShowroom: new Map<number, LeadNumbers>(
      group((row) => [row.showroomId, ""]).map(({ id, received, medianFirstContactMinutes }) => [
        id,
        { received, medianFirstContactMinutes },
      ]),
    ),
  };
}
