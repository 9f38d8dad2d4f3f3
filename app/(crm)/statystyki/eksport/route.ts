import { transaction } from "@/db/client";
import { recordEvent } from "@/lib/audit/record";
import { authedRoute, refuse } from "@/lib/routes/route";
import { parseId } from "@/lib/validation";
import { csvResponse, toCsv } from "@/lib/stats/csv";
import { readStatsQuery } from "@/lib/stats/params";
import { cachedActivityByUser, cachedActivityPerDay, cachedSalesFunnel } from "@/lib/stats/cache";
import { activityTable, daysTable, funnelTable, showroomsTable, type Table } from "@/lib/stats/tables";
import { compareShowrooms } from "@/lib/stats/comparison";
import { filterShowrooms, mayFilterByShowroom } from "@/lib/showrooms/queries";
import { findVisibleUser } from "@/lib/users/queries";

/**
 * GET /statystyki/eksport?tabela=aktywnosc|lejek|dni|salony&okres=…[&uzytkownik=id][&salon=id]: a table as
 * CSV, authorized like the page.
 */
export const GET = authedRoute(
  {
    kind: "page",
    // A salesperson's own numbers only, a manager's showrooms' people and showrooms; someone or some
    // showroom else, or a malformed id, are "not found".
    load: async ({ user, request }) => {
      const search = request.nextUrl.searchParams;
      const rawShowroom = search.get("salon");
      const showroomId = rawShowroom === null ? undefined : parseId(rawShowroom);
      if (rawShowroom !== null && (showroomId === undefined || !(await mayFilterByShowroom(user, showroomId))))
        return undefined;
      const raw = search.get("uzytkownik");
      if (raw === null) return { userId: undefined, showroomId };
      const userId = parseId(raw);
      const found = userId === undefined ? undefined : await findVisibleUser({ viewer: user, id: userId });
      return found && { userId: found.id, showroomId };
    },
  },
  async ({ user: viewer, request, resource: { userId, showroomId } }) => {
    const params = Object.fromEntries(request.nextUrl.searchParams);
    const { period, mode } = readStatsQuery(params);
    const suffix = `${period.from}_${period.to}${userId ? `_${userId}` : ""}${showroomId ? `_salon-${showroomId}` : ""}`;
    let table: Table;
    let name: string;
    switch (params.tabela) {
      case "aktywnosc":
        table = activityTable(await cachedActivityByUser({ viewer, period, userId, showroomId }));
        name = "aktywnosc";
        break;
      case "lejek":
        table = funnelTable(await cachedSalesFunnel({ viewer, period, mode, ownerId: userId, showroomId }));
        name = `lejek-${mode}`;
        break;
      case "dni":
        if (userId === undefined) return refuse.notFound();
        table = daysTable(await cachedActivityPerDay({ viewer, userId, period, showroomId }));
        name = "aktywnosc-dzienna";
        break;
      case "salony": {
        const showrooms = await filterShowrooms(viewer);
        if (showrooms.length < 2) return refuse.notFound();
        table = showroomsTable(await compareShowrooms({ viewer, period, mode, showrooms }));
        name = `salony-${mode}`;
        break;
      }
      default:
        return refuse.notFound();
    }
    const body = toCsv(table.header, table.rows);
    await transaction((tx) =>
      recordEvent(tx, {
        kind: "stats_export",
        userId: viewer.id,
        details: { table: name, from: period.from, to: period.to, ofUserId: userId ?? null },
      }),
    );
    return csvResponse(body, `${name}_${suffix}.csv`);
  },
);
