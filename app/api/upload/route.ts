import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import formidable, { errors as formidableErrors, type File } from "formidable";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { authedRoute } from "@/lib/routes/route";
import {
  detectMimeType,
  freeDiskBytes,
  randomToken,
  readHead,
  removeStaleStagedFiles,
  safeFileName,
  stageFiles,
  uploadedRecently,
  UploadQuotaExceeded,
} from "@/lib/tasks/files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_NAME = 255;
const MB = 1024 * 1024;

function answer(body: unknown, status = 200) {
  // A refused upload's unread rest must not be taken for the next request on this connection: close it.
  const close: Record<string, string> = status >= 400 ? { Connection: "close" } : {};
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...close } });
}

/**
 * Staging uploads for the task form: the bytes stream to DATA_DIR/uploads under random names, with a
 * limit per file and per request and a daily quota per user; the form later attaches them to its task by
 * token. While the disk runs low (UPLOAD_MIN_FREE_MB), uploads are refused and everything else works on.
 */
export const POST = authedRoute({ kind: "api" }, async ({ request, user }) => {
  if (!request.body) return answer({ error: t.tasks.upload.failed }, 400);

  try {
    await removeStaleStagedFiles();
  } catch (error) {
    console.error("[uploads] cleanup", error);
  }

  // formidable reads a Node request; this stream with the headers is all it uses of one.
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const refuseUnread = async (error: string, status: number) => {
    await discardRest(body);
    return answer({ error }, status);
  };

  fs.mkdirSync(config.uploadsDir, { recursive: true });
  const announced = Number(request.headers.get("content-length")) || 0;
  if ((await freeDiskBytes()) - announced < config.uploadMinFreeMb * MB) {
    console.warn(`[disk] uploads refused: less than UPLOAD_MIN_FREE_MB (${config.uploadMinFreeMb} MB) free`);
    return refuseUnread(t.tasks.upload.diskFull, 507);
  }
  const quotaLeft = config.uploadQuotaMb * MB - (await uploadedRecently({ userId: user.id }));
  if (quotaLeft <= 0) return refuseUnread(t.tasks.upload.quotaExceeded(config.uploadQuotaMb), 413);

  const limit = config.maxUploadMb * MB;
  const started: string[] = [];
  const form = formidable({
    uploadDir: config.uploadsDir,
    maxFileSize: limit,
    maxTotalFileSize: Math.min(limit, quotaLeft),
    maxFiles: 20,
    maxFields: 10,
    allowEmptyFiles: false,
    minFileSize: 1,
    hashAlgorithm: "sha256",
    filename: () => randomToken(),
  });
  form.on("fileBegin", (_name, file) => started.push(file.filepath));

  const incoming = Object.assign(body, { headers: Object.fromEntries(request.headers) }) as unknown as IncomingMessage;

  let files: File[];
  try {
    const [, parsed] = await form.parse(incoming);
    files = Object.values(parsed)
      .flat()
      .filter((file): file is File => Boolean(file));
  } catch (error) {
    // Stop parsing, without cancelling the request's stream under Next (which then throws "already
    // closed" as an uncaught exception); the answer closes the connection.
    body.unpipe();
    await Promise.all([removeAll(started), discardRest(body)]);
    const { httpCode, code } = error as { httpCode?: number; code?: number };
    if (httpCode === 413) {
      const overQuota = quotaLeft < limit && code === formidableErrors.biggerThanTotalMaxFileSize;
      const message = overQuota
        ? t.tasks.upload.quotaExceeded(config.uploadQuotaMb)
        : t.tasks.upload.tooLarge(config.maxUploadMb);
      return answer({ error: message }, 413);
    }
    if (httpCode !== 400) console.error("[uploads]", error);
    return answer({ error: httpCode === 400 ? t.tasks.upload.empty : t.tasks.upload.failed }, 400);
  }

  try {
    const staged = await stageFiles(
      files.map((file) => {
        const originalName = safeFileName(file.originalFilename || "", MAX_NAME);
        return {
          originalName,
          storedName: file.newFilename,
          size: file.size,
          sha256: String(file.hash),
          mimeType: detectMimeType(readHead(file.filepath), originalName),
          userId: user.id,
        };
      }),
    );
    return answer({
      files: staged.map((file) => ({
        token: file.token,
        name: file.originalName,
        size: file.size,
        mimeType: file.mimeType,
      })),
    });
  } catch (error) {
    await removeAll(started);
    if (error instanceof UploadQuotaExceeded)
      return answer({ error: t.tasks.upload.quotaExceeded(config.uploadQuotaMb) }, 413);
    console.error("[uploads]", error);
    return answer({ error: t.tasks.upload.failed }, 500);
  }
});

const DISCARD_BYTES = 16 * MB;
const DISCARD_MS = 3000;

/**
 * A lingering close: the client of a refused upload is usually still sending, and a connection closed
 * under it is reset before it reads the answer. So what is left of the body is read and thrown away, up
 * to DISCARD_BYTES or DISCARD_MS, whichever comes first; past either the answer closes the connection
 * anyway.
 */
function discardRest(body: Readable): Promise<void> {
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      body.off("data", count);
      body.off("end", done);
      body.off("close", done);
      body.off("error", done);
      body.pause();
      resolve();
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DISCARD_BYTES) done();
    };
    const timer = setTimeout(done, DISCARD_MS);
    if (body.readableEnded) return done();
    body.on("data", count);
    body.once("end", done);
    body.once("close", done); // the client gone
    body.once("error", done);
    body.resume();
  });
}

async function removeAll(paths: string[]) {
  // formidable destroys its open write streams on error; wait for them to close before removing.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await Promise.all(paths.map((file) => fs.promises.rm(file, { force: true })));
}
