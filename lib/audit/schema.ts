import { z } from "zod";
import { AUDIT_EVENT_KINDS } from "@/lib/domain";
import { isCalendarDate } from "@/lib/time";

export const AUDIT_PAGE_SIZE = 50;

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const date = () => lenient(z.string().refine(isCalendarDate));

/** The log's filters from the query string (uzytkownik, rodzaj, od, do, strona): anything malformed is ignored. */
export const auditFiltersSchema = z.object({
  uzytkownik: lenient(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)),
  rodzaj: lenient(z.enum(AUDIT_EVENT_KINDS)),
  od: date(),
  do: date(),
  strona: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const first = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return auditFiltersSchema.parse(first);
}
