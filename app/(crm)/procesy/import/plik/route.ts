import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import formidable, { type File } from "formidable";
import { config } from "@/lib/config";
import { createImport } from "@/lib/import/mutations";
import { RefusedFile, type RefusalCode } from "@/lib/import/read";
import { authedRoute } from "@/lib/routes/route";
import { randomToken, safeFileName } from "@/lib/tasks/files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Back to "Importuj z pliku" with the refusal's code and numbers; the page says it in Polish. */
function refused(request: Request, code: RefusalCode, args: readonly number[] = []): Response {
  const url = new URL("/procesy/import", request.url);
  url.searchParams.set("blad", code);
  if (args.length) url.searchParams.set("n", args.join(","));
  return new Response(null, { status: 303, headers: { Location: url.pathname + url.search, Connection: "close" } });
}

/**
 * "Wczytaj plik": the file streams to DATA_DIR/imports (never whole in memory) with the size limit, is
 * checked whole, and becomes an import whose columns the next page matches. A plain form post, so it works
 * without JavaScript; either way the answer is a redirect.
 */
export const POST = authedRoute({ kind: "page", roles: ["manager", "admin"] }, async ({ request, user }) => {
  if (!request.body) return refused(request, "noFile");
  fs.mkdirSync(config.importsDir, { recursive: true });
  const limit = config.importMaxMb * 1024 * 1024;
  const started: string[] = [];
  const form = formidable({
    uploadDir: config.importsDir,
    maxFileSize: limit,
    maxTotalFileSize: limit,
    maxFiles: 1,
    maxFields: 5,
    allowEmptyFiles: false,
    minFileSize: 1,
    filename: () => randomToken(),
  });
  form.on("fileBegin", (_name, file) => started.push(file.filepath));
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const incoming = Object.assign(body, { headers: Object.fromEntries(request.headers) }) as unknown as IncomingMessage;

  let file: File | undefined;
  try {
    const [, files] = await form.parse(incoming);
    file = Object.values(files).flat().find(Boolean);
  } catch (error) {
    body.unpipe();
    body.pause();
    await removeAll(started);
    const httpCode = (error as { httpCode?: number }).httpCode;
    if (httpCode === 413) return refused(request, "tooLarge", [config.importMaxMb]);
    if (httpCode !== 400) console.error("[import upload]", error);
    return refused(request, httpCode === 400 ? "noFile" : "failed");
  }
  if (!file) return refused(request, "noFile");

  try {
    const created = await createImport({
      user,
      storedName: file.newFilename,
      fileName: safeFileName(file.originalFilename || "plik", 200),
    });
    return new Response(null, { status: 303, headers: { Location: `/procesy/import/${created.id}` } });
  } catch (error) {
    if (error instanceof RefusedFile) return refused(request, error.code, error.args);
    console.error("[import upload]", error);
    await removeAll(started);
    return refused(request, "failed");
  }
});

async function removeAll(paths: string[]) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await Promise.all(paths.map((file) => fs.promises.rm(file, { force: true })));
}
