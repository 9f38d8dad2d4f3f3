import { stringify } from "csv-stringify/sync";
import { transaction } from "@/db/client";
import { recordEvent } from "@/lib/audit/record";
import { t } from "@/lib/i18n";
import { exportProcesses } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { authedRoute, refuse } from "@/lib/routes/route";
import { formatDateTime, localDate } from "@/lib/time";

export const dynamic = "force-dynamic";

const e = t.processes.export;

/** Cells as a Polish Excel opens them: `;`, CRLF, formulas escaped (lib/stats/csv.ts does the same). */
const csvLines = (rows: (string | number)[][]) =>
  stringify(rows, { delimiter: ";", record_delimiter: "windows", escape_formulas: true });

/**
 * "Eksportuj": the filtered list of "Procesy", every page of it, as CSV for Excel (UTF-8 with a BOM),
 * streamed a chunk of rows at a time; logged in "Dziennik zdarzeń". Headers an import matches again.
 */
export const GET = authedRoute({ kind: "page" }, async ({ request, user }) => {
  const filters = parseListFilters(Object.fromEntries(new URL(request.url).searchParams));
  const chunks = await exportProcesses({ user, filters });
  if (!chunks) return refuse.notFound();
  await transaction((tx) =>
    recordEvent(tx, {
      kind: "processes_export",
      userId: user.id,
      details: {
        q: filters.q ?? null,
        status: filters.status ?? null,
        owner: filters.owner ?? null,
        salon: filters.salon ?? null,
        flag: filters.flag ?? null,
      },
    }),
  );
  const encoder = new TextEncoder();
  const iterator = chunks();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLines([e.header])}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((row) => [
        row.firstName,
        row.lastName,
        row.phone ?? "",
        row.email ?? "",
        row.brand,
        row.model,
        t.labels.leadSource[row.source],
        t.labels.processStatus[row.status],
        row.ownerName,
        formatDateTime(row.createdAt),
        formatDateTime(row.lastActivityAt),
      ]);
      controller.enqueue(encoder.encode(csvLines(lines)));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="procesy-${localDate()}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
