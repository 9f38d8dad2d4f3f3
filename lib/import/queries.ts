import "server-only";
import { and, asc, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { forUpdate, getDb, type Executor } from "@/db/client";
import { importSkips, imports, users, type Import } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { showroomsOf } from "@/lib/processes/access";
import type { Mapping } from "./fields";

/**
 * Which imports a user may see: an admin every one; a manager their own and those into their showrooms.
 * Salespeople import nothing.
 */
export function visibleImports(viewer: Viewer): SQL | undefined {
  if (viewer.role === "admin") return undefined;
  if (viewer.role !== "manager") return sql`false`;
  return or(eq(imports.userId, viewer.id), sql`${imports.showroomId} in ${showroomsOf(viewer.id)}`);
}

/** The import, if this user may see it (locked inside a transaction: pass `tx`). */
export async function findVisibleImport({
  user,
  id,
  tx,
}: {
  user: Viewer;
  id: number;
  tx?: Executor;
}): Promise<Import | undefined> {
  const query = (tx ?? getDb())
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), visibleImports(user)));
  const [found] = tx ? await forUpdate(query) : await query;
  return found;
}

/** The user's recent imports ("Importuj z pliku"). */
export async function listImports(user: Viewer, limit = 20) {
  return await getDb()
    .select({
      id: imports.id,
      fileName: imports.fileName,
      state: imports.state,
      totalRows: imports.totalRows,
      doneRows: imports.doneRows,
      createdAt: imports.createdAt,
      userName: users.name,
    })
    .from(imports)
    .innerJoin(users, eq(users.id, imports.userId))
    .where(visibleImports(user))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** The rows an import skipped, in file order. */
export async function listSkips(importId: number, limit?: number) {
  const query = getDb()
    .select({ rowNumber: importSkips.rowNumber, reason: importSkips.reason })
    .from(importSkips)
    .where(eq(importSkips.importId, importId))
    .orderBy(asc(importSkips.rowNumber), asc(importSkips.id));
  return limit === undefined ? await query : await query.limit(limit);
}

export async function countSkips(importId: number): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(importSkips).where(eq(importSkips.importId, importId));
  return row.n;
}

export function mappingOf(record: Pick<Import, "mapping">): Mapping {
  return JSON.parse(record.mapping) as Mapping;
}

export function headersOf(record: Pick<Import, "headers">): string[] {
  return JSON.parse(record.headers) as string[];
}
