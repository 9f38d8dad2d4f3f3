import { transaction } from "@/db/client";
import { recordEvent } from "@/lib/audit/record";
import { authedRoute, refuse } from "@/lib/routes/route";
import { parseId } from "@/lib/validation";
import { csvResponse, toCsv } from "@/lib/stats/csv";
import { readStatsQuery } from "@/lib/stats/params";
import { cachedActivityByUser, cachedActivityPerDay, cachedSalesFunnel } from "@/lib/stats/cache";
import { activityTable, daysTable, funnelTable, type Table } from "@/lib/stats/tables";
import { findVisibleUser } from "@/lib/users/queries";

/** GET /statystyki/eksport?tabela=aktywnosc|lejek|dni&okres=…[&uzytkownik=id]: a table as CSV, authorized like the page. */
export const GET = authedRoute(
  {
    kind: "page",
    // A salesperson's own numbers only; someone else's, or a malformed id, are "not found".
    load: async ({ user, request }) => {
      const raw = request.nextUrl.searchParams.get("uzytkownik");
      if (raw === null) return { userId: undefined };
      const userId = parseId(raw);
      const found = userId === undefined ? undefined : await findVisibleUser({ viewer: user, id: userId });
      return found && { userId: found.id };
    },
  },
  async ({ user: viewer, request, resource: { userId } }) => {
    const params = Object.fromEntries(request.nextUrl.searchParams);
    const { period, mode } = readStatsQuery(params);
    const suffix = `${period.from}_${period.to}${userId ? `_${userId}` : ""}`;
    let table: Table;
    let name: string;
    switch (params.tabela) {
      case "aktywnosc":
        table = activityTable(await cachedActivityByUser({ viewer, period, userId }));
        name = "aktywnosc";
        break;
      case "lejek":
        table = funnelTable(await cachedSalesFunnel({ viewer, period, mode, ownerId: userId }));
        name = `lejek-${mode}`;
        break;
      case "dni":
        if (userId === undefined) return refuse.notFound();
        table = daysTable(await cachedActivityPerDay({ viewer, userId, period }));
        name = "aktywnosc-dzienna";
        break;
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
