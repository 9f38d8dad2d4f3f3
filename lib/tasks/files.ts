import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, lockUntilCommit, transaction, type Executor } from "@/db/client";
import { processes, taskFiles, tasks, type TaskFile } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { findVisibleProcess } from "@/lib/processes/access";

export const STAGED_TTL_MS = 24 * 60 * 60_000;
/** UPLOAD_QUOTA_MB counts what a user uploaded within this long. */
export const QUOTA_WINDOW_MS = 24 * 60 * 60_000;
const MB = 1024 * 1024;

export function randomToken(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/** Where a stored file lives; stored names are random and never come from the user. */
export function storedPath(storedName: string): string {
  return path.join(config.uploadsDir, path.basename(storedName));
}

/**
 * The name a file is shown and downloaded under: the last path segment of what the browser sent, without
 * control characters and without bidirectional overrides (U+202E would show "gnp.exe" as "exe.png").
 */
export function safeFileName(name: string, max = 255): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .split(/[/\\]/)
    .pop()!
    .trim()
    .slice(0, max);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "plik" : cleaned;
}

const SIGNATURES: { mime: string; bytes: number[]; offset?: number }[] = [
  { mime: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { mime: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] },
  { mime: "image/webp", bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { mime: "application/zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { mime: "application/x-cfb", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

const OFFICE_BY_EXTENSION: Record<string, string> = {
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".ods": "application/vnd.oasis.opendocument.spreadsheet",
};

/** The type the bytes say, not what the browser claimed; unknown content is application/octet-stream. */
export function detectMimeType(head: Buffer, originalName: string): string {
  const found = SIGNATURES.find(({ bytes, offset = 0 }) => bytes.every((byte, i) => head[offset + i] === byte));
  if (found?.mime === "image/webp" && head.subarray(0, 4).toString("latin1") !== "RIFF")
    return "application/octet-stream";
  if (found?.mime === "application/zip")
    return OFFICE_BY_EXTENSION[path.extname(originalName).toLowerCase()] ?? found.mime;
  if (found) return found.mime;
  if (head.length > 0 && looksLikeText(head)) return "text/plain";
  return "application/octet-stream";
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // A cut-off multi-byte character at the end of the sample is fine.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, Math.max(0, head.length - 4)));
  return !text.includes("\uFFFD") && !/[\u0001-\u0008\u000e-\u001f]/.test(text);
}

export function readHead(file: string, bytes = 512): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes the user uploaded within the quota's window (files removed since no longer count). */
export async function uploadedRecently({
  db = getDb(),
  userId,
  now = new Date(),
}: {
  db?: Executor;
  userId: number;
  now?: Date;
}): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<number>`coalesce(sum(${taskFiles.size}), 0)`.mapWith(Number) })
    .from(taskFiles)
    .where(and(eq(taskFiles.uploadedById, userId), gt(taskFiles.createdAt, new Date(now.getTime() - QUOTA_WINDOW_MS))));
  return row.bytes;
}

/** The upload would take the user past UPLOAD_QUOTA_MB within a day. */
export class UploadQuotaExceeded extends Error {}

/**
 * Records uploaded files as staged, all or none, within the uploader's daily quota (checked again in the
 * transaction, so that uploads sent at once cannot all slip under it): each belongs to its uploader until
 * a saved form attaches it to a task.
 */
export function stageFiles(
  files: readonly {
    originalName: string;
    storedName: string;
    size: number;
    sha256: string;
    mimeType: string;
    userId: number;
  }[],
  { quotaBytes = config.uploadQuotaMb * MB, now = new Date() }: { quotaBytes?: number; now?: Date } = {},
): Promise<TaskFile[]> {
  if (files.length === 0) return Promise.resolve([]);
  return transaction(async (tx) => {
    // One uploader's uploads check the quota in turn (on PostgreSQL two transactions would otherwise both
    // sum the uploads before either adds its own); in the order of their ids, should one call hold several.
    for (const userId of [...new Set(files.map((file) => file.userId))].sort((a, b) => a - b)) {
      await lockUntilCommit(tx, `upload quota ${userId}`);
      const adding = files.filter((file) => file.userId === userId).reduce((sum, file) => sum + file.size, 0);
      if ((await uploadedRecently({ db: tx, userId, now })) + adding > quotaBytes) throw new UploadQuotaExceeded();
    }
    return tx
      .insert(taskFiles)
      .values(
        files.map((file) => ({
          taskId: null,
          token: randomToken(),
          originalName: file.originalName,
          storedName: file.storedName,
          size: file.size,
          mimeType: file.mimeType,
          sha256: file.sha256,
          uploadedById: file.userId,
          createdAt: now,
        })),
      )
      .returning();
  });
}

/** The user's staged files by token (others' and attached ones are not found). */
export async function findStagedFiles({
  db = getDb(),
  userId,
  tokens,
}: {
  db?: Executor;
  userId: number;
  tokens: readonly string[];
}): Promise<TaskFile[]> {
  if (tokens.length === 0) return [];
  return await db
    .select()
    .from(taskFiles)
    .where(and(inArray(taskFiles.token, [...tokens]), eq(taskFiles.uploadedById, userId), isNull(taskFiles.taskId)));
}

/** Removes staged files, rows and bytes (after a failed save, or when they have waited too long). */
export async function removeStagedFiles(files: readonly Pick<TaskFile, "id" | "storedName">[]): Promise<void> {
  if (files.length === 0) return;
  const ids = files.map((file) => file.id);
  await transaction(async (tx) => {
    await tx.delete(taskFiles).where(and(inArray(taskFiles.id, ids), isNull(taskFiles.taskId)));
  });
  for (const file of files) fs.rmSync(storedPath(file.storedName), { force: true });
}

/** Staged files nobody saved within a day: their forms were abandoned. */
export async function removeStaleStagedFiles(now = new Date()): Promise<number> {
  const stale = await getDb()
    .select({ id: taskFiles.id, storedName: taskFiles.storedName })
    .from(taskFiles)
    .where(and(isNull(taskFiles.taskId), lt(taskFiles.createdAt, new Date(now.getTime() - STAGED_TTL_MS))));
  await removeStagedFiles(stale);
  return stale.length;
}

/** Free space for unprivileged users on the disk that holds `dir`. */
export async function freeDiskBytes(dir = config.uploadsDir): Promise<number> {
  const stats = await fs.promises.statfs(dir);
  return stats.bavail * stats.bsize;
}

/**
 * At start: staged files nobody saved within a day, and files in the uploads folder without a row (left
 * by a crash between writing a file and recording it), are removed. Runs before the server takes uploads.
 */
export async function sweepUploads(now = new Date()): Promise<{ staleStaged: number; orphans: number }> {
  const staleStaged = await removeStaleStagedFiles(now);
  let names: string[];
  try {
    names = await fs.promises.readdir(config.uploadsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { staleStaged, orphans: 0 };
    throw error;
  }
  const known = new Set(
    (await getDb().select({ storedName: taskFiles.storedName }).from(taskFiles)).map((row) => row.storedName),
  );
  let orphans = 0;
  for (const name of names) {
    if (known.has(name)) continue;
    const file = storedPath(name);
    if (!(await fs.promises.lstat(file)).isFile()) continue;
    await fs.promises.rm(file, { force: true });
    orphans++;
  }
  return { staleStaged, orphans };
}

/**
 * A file the user may download: attached to a task of a process they may see, or staged by
 * themselves. Anything else is "not found".
 */
export async function findDownloadableFile({ user, id }: { user: Viewer; id: number }): Promise<TaskFile | undefined> {
  const [file] = await getDb().select().from(taskFiles).where(eq(taskFiles.id, id));
  if (!file) return undefined;
  if (file.taskId == null) return file.uploadedById === user.id ? file : undefined;
  const [task] = await getDb().select({ processId: tasks.processId }).from(tasks).where(eq(tasks.id, file.taskId));
  return task && (await findVisibleProcess({ user, id: task.processId })) ? file : undefined;
}

/** A download in "Dziennik zdarzeń" (its own small transaction): which file, whose customer. */
export async function recordDownload({ user, file }: { user: Viewer; file: TaskFile }): Promise<void> {
  await transaction(async (tx) => {
    const [owner] =
      file.taskId == null
        ? []
        : await tx
            .select({ customerId: processes.customerId })
            .from(tasks)
            .innerJoin(processes, eq(processes.id, tasks.processId))
            .where(eq(tasks.id, file.taskId));
    await recordEvent(tx, {
      kind: "file_download",
      userId: user.id,
      customerId: owner?.customerId ?? null,
      details: { fileId: file.id, name: file.originalName.slice(0, 255) },
    });
  });
}
