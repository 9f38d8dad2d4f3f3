import { NextResponse, type NextRequest } from "next/server";
import { getSessionUser, isManager } from "@/lib/auth/session";
import { csvResponse, toCsv } from "@/lib/stats/csv";
import { readStatsQuery } from "@/lib/stats/params";
import { cachedActivityByUser, cachedActivityPerDay, cachedSalesFunnel } from "@/lib/stats/cache";
import { activityTable, daysTable, funnelTable, type Table } from "@/lib/stats/tables";
import { findUser } from "@/lib/users/queries";

const notFound = () =>
  new Response("Nie znaleziono", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /statystyki/eksport?tabela=aktywnosc|lejek|dni&okres=…[&uzytkownik=id]: a table as CSV, authorized like the page. */
export async function GET(request: NextRequest) {
  const viewer = await getSessionUser();
  if (!viewer) return NextResponse.redirect(new URL("/login", request.url));
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const { period, mode } = readStatsQuery(params);
  const raw = params.uzytkownik;
  const userId = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  if (raw !== undefined && userId === undefined) return notFound();
  // A salesperson's own numbers only; someone else's are "not found".
  if (userId !== undefined && !isManager(viewer) && userId !== viewer.id) return notFound();
  if (userId !== undefined && !findUser(userId)) return notFound();

  const suffix = `${period.from}_${period.to}${userId ? `_${userId}` : ""}`;
  let table: Table;
  let name: string;
  switch (params.tabela) {
    case "aktywnosc":
      table = activityTable(cachedActivityByUser({ viewer, period, userId }));
      name = "aktywnosc";
      break;
    case "lejek":
      table = funnelTable(cachedSalesFunnel({ viewer, period, mode, ownerId: userId }));
      name = `lejek-${mode}`;
      break;
    case "dni":
      if (userId === undefined) return notFound();
      table = daysTable(cachedActivityPerDay({ viewer, userId, period }));
      name = "aktywnosc-dzienna";
      break;
    default:
      return notFound();
  }
  return csvResponse(toCsv(table.header, table.rows), `${name}_${suffix}.csv`);
}
