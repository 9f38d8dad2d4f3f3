import { findVisibleImport, listSkips } from "@/lib/import/queries";
import { t } from "@/lib/i18n";
import { authedRoute } from "@/lib/routes/route";
import { csvResponse, toCsv } from "@/lib/stats/csv";
import { parseId } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** The rows an import skipped and why, as CSV for Excel (formulas escaped: the reasons quote the file). */
export const GET = authedRoute(
  {
    kind: "page",
    roles: ["manager", "admin"],
    load: async ({ user, params }) => {
      const id = parseId(params.id);
      return id === undefined ? null : findVisibleImport({ user, id });
    },
  },
  async ({ resource }) => {
    const skips = await listSkips(resource.id);
    return csvResponse(
      toCsv(
        t.imports.reportHeader,
        skips.map((skip) => [skip.rowNumber, skip.reason]),
      ),
      `import-${resource.id}-pominiete.csv`,
    );
  },
);
