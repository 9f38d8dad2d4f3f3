import "server-only";
import { lt } from "drizzle-orm";
import { transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { config } from "@/lib/config";

const DAY_MS = 24 * 60 * 60_000;

/** Removes the events older than AUDIT_DAYS: the only deletion "Dziennik zdarzeń" knows. Returns how many. */
export async function expireAuditEvents({
  now = new Date(),
  days = config.auditDays,
}: { now?: Date; days?: number } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const removed = await transaction((tx) =>
    tx.delete(auditEvents).where(lt(auditEvents.createdAt, cutoff)).returning({ id: auditEvents.id }),
  );
  return removed.length;
}
