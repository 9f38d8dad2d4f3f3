import { Readable } from "node:stream";
import { findVisibleCustomer } from "@/lib/customers/access";
import { customerExportZip } from "@/lib/customers/export";
import { authedRoute } from "@/lib/routes/route";
import { parseId } from "@/lib/validation";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /klienci/<id>/eksport: "Eksport danych klienta", a ZIP streamed as it is made (dane.json and the
 * files). Managers and admins, for a customer they may see; anyone else gets "not found".
 */
export const GET = authedRoute(
  {
    kind: "page",
    roles: ["manager", "admin"],
    load: async ({ user, params }) => {
      const id = parseId(params.id);
      return id === undefined ? undefined : await findVisibleCustomer({ user, id });
    },
  },
  async ({ user, resource: customer }) => {
    const zip = await customerExportZip({ user, customer });
    return new Response(Readable.toWeb(zip as Readable) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="klient-${customer.id}.zip"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
);
