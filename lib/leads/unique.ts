// One home for telling a refused duplicate from other database errors, until db/ has its own helper.

type DatabaseError = { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };

/**
 * Whether `error` (or what caused it) is the database refusing a second row in one of the named unique
 * indexes: SQLite names the columns ("UNIQUE constraint failed: lead_submissions.source_id, …"),
 * PostgreSQL (23505) the index.
 */
export function violatesUniqueIndex(error: unknown, table: string, indexes: readonly string[]): boolean {
  for (let e = error as DatabaseError | undefined, depth = 0; e && depth < 5; e = e.cause as DatabaseError, depth++) {
    if (e.code === "23505") return indexes.includes(String(e.constraint));
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_CONSTRAINT")) {
      return String(e.message).startsWith(`UNIQUE constraint failed: ${table}.`);
    }
  }
  return false;
}
