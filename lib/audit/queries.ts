import "server-only";
import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { addDays, startOfLocalDay } from "@/lib/time";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./schema";

/**
 * A page of "Dziennik zdarzeń", newest first, filtered by user, kind and the dealership's local dates
 * (both ends included). Administrators only: anyone else gets nothing.
 */
export async function listAuditEvents({ viewer, filters }: { viewer: Viewer; filters: AuditFilters }) {
  if (viewer.role !== "admin") return { rows: [], total: 0, page: 1, pages: 1 };
  const where = and(
    filters.uzytkownik ? eq(auditEvents.userId, filters.uzytkownik) : undefined,
    filters.rodzaj ? eq(auditEvents.kind, filters.rodzaj) : undefined,
    filters.od ? gte(auditEvents.createdAt, startOfLocalDay(filters.od)) : undefined,
    filters.do ? lt(auditEvents.createdAt, startOfLocalDay(addDays(filters.do, 1))) : undefined,
  );
  const db = getDb();
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(auditEvents).where(where),
    db
      .select({ event: auditEvents, userName: users.name })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.userId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((filters.strona - 1) * AUDIT_PAGE_SIZE),
  ]);
  return { rows, total, page: filters.strona, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];
