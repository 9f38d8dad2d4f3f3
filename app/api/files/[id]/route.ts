import fs from "node:fs";
import { Readable } from "node:stream";
import { authedRoute, refuse } from "@/lib/routes/route";
import { parseId } from "@/lib/validation";
import { findDownloadableFile, recordDownload, storedPath } from "@/lib/tasks/files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The file name for old clients: ASCII letters only ("Oferta_łódź.pdf" → "Oferta_lodz.pdf"). */
function asciiName(name: string): string {
  return name
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\;]/g, "_");
}

function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encoded}`;
}

/** Downloads a task's file, for users who may see the task's process; anyone else gets "not found". */
export const GET = authedRoute(
  {
    kind: "page",
    load: async ({ user, params }) => {
      const id = parseId(params.id);
      return id === undefined ? undefined : await findDownloadableFile({ user, id });
    },
  },
  async ({ user, resource: file }) => {
    try {
      const stat = await fs.promises.stat(storedPath(file.storedName));
      if (!stat.isFile()) return refuse.notFound();
    } catch {
      return refuse.notFound();
    }
    await recordDownload({ user, file });
    const stream = fs.createReadStream(storedPath(file.storedName));
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.originalName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
);
