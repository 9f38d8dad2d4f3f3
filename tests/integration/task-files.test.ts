import fs from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { transaction } from "@/db/client";
import { taskFiles } from "@/db/schema";
import { config } from "@/lib/config";
import {
  detectMimeType,
  findDownloadableFile,
  removeStaleStagedFiles,
  stageFiles,
  storedPath,
  sweepUploads,
  uploadedRecently,
  UploadQuotaExceeded,
} from "@/lib/tasks/files";
import { planNextContact } from "@/lib/tasks/mutations";
import { useTestDatabase } from "../support/database";
import { form, insertProcess, insertUser, stageTestFile } from "../support/fixtures";

const db = useTestDatabase();

test("the type comes from the content, not the name", () => {
  expect(detectMimeType(Buffer.from("%PDF-1.7\n"), "umowa.exe")).toBe("application/pdf");
  expect(detectMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), "skan.pdf")).toBe(
    "image/png",
  );
  expect(detectMimeType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), "zdjęcie")).toBe("image/jpeg");
  expect(detectMimeType(Buffer.from("PK\u0003\u0004rest", "latin1"), "oferta.docx")).toBe(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  );
  expect(detectMimeType(Buffer.from("PK\u0003\u0004rest", "latin1"), "archiwum.zip")).toBe("application/zip");
  expect(detectMimeType(Buffer.from("Zażółć gęślą jaźń, cena 120 000 zł\n"), "notatka.html")).toBe("text/plain");
  expect(detectMimeType(Buffer.from([0, 1, 2, 3, 250, 251]), "dane.txt")).toBe("application/octet-stream");
});

test("staged files older than a day are removed with their bytes; attached ones and fresh ones stay", async () => {
  const user = await insertUser();
  const old = await stageTestFile(user.id);
  const fresh = await stageTestFile(user.id);
  const attached = await stageTestFile(user.id);
  const process = await insertProcess(user.id);
  await planNextContact({ user, processId: process.id, form: form({ fileTokens: [attached.token] }) });
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await transaction((tx) =>
    tx
      .update(taskFiles)
      .set({ createdAt: twoDaysAgo })
      .where(inArray(taskFiles.id, [old.id, attached.id])),
  );

  expect(await removeStaleStagedFiles()).toBe(1);
  const left = await db()
    .select({ id: taskFiles.id })
    .from(taskFiles)
    .where(inArray(taskFiles.id, [old.id, fresh.id, attached.id]));
  expect(left.map((file) => file.id).sort((a, b) => a - b)).toEqual([fresh.id, attached.id].sort((a, b) => a - b));
  expect(fs.existsSync(storedPath(old.storedName))).toBe(false);
  for (const kept of [fresh, attached]) expect(fs.existsSync(storedPath(kept.storedName))).toBe(true);
});

test("a file is downloadable by those who may see its process, and a staged one only by its uploader", async () => {
  const owner = await insertUser();
  const stranger = await insertUser();
  const manager = await insertUser("manager");
  const file = await stageTestFile(owner.id);
  expect((await findDownloadableFile({ user: owner, id: file.id }))?.id).toBe(file.id);
  expect(await findDownloadableFile({ user: manager, id: file.id })).toBeUndefined();
  const process = await insertProcess(owner.id);
  await planNextContact({ user: owner, processId: process.id, form: form({ fileTokens: [file.token] }) });
  const [attached] = await db().select().from(taskFiles).where(eq(taskFiles.id, file.id));
  expect(attached.taskId).toEqual(expect.any(Number));
  expect((await findDownloadableFile({ user: owner, id: file.id }))?.id).toBe(file.id);
  expect((await findDownloadableFile({ user: manager, id: file.id }))?.id).toBe(file.id);
  expect(await findDownloadableFile({ user: stranger, id: file.id })).toBeUndefined();
});

test("at start, files without a row and stale staged uploads are swept; everything else stays", async () => {
  const user = await insertUser();
  const stale = await stageTestFile(user.id);
  const fresh = await stageTestFile(user.id);
  const process = await insertProcess(user.id);
  const attached = await stageTestFile(user.id);
  await planNextContact({ user, processId: process.id, form: form({ fileTokens: [attached.token] }) });
  await transaction((tx) =>
    tx
      .update(taskFiles)
      .set({ createdAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(inArray(taskFiles.id, [stale.id, attached.id])),
  );
  const orphan = path.join(config.uploadsDir, "sierota-po-awarii");
  fs.writeFileSync(orphan, "połowa pliku");
  const folder = path.join(config.uploadsDir, "katalog");
  fs.mkdirSync(folder, { recursive: true });

  const swept = await sweepUploads();
  expect(swept).toEqual({ staleStaged: 1, orphans: 1 });
  expect(fs.existsSync(orphan)).toBe(false);
  expect(fs.existsSync(storedPath(stale.storedName))).toBe(false);
  for (const kept of [fresh, attached]) expect(fs.existsSync(storedPath(kept.storedName))).toBe(true);
  expect(fs.existsSync(folder)).toBe(true);
  expect(await sweepUploads()).toEqual({ staleStaged: 0, orphans: 0 });
});

describe("the daily upload quota", () => {
  const MB = 1024 * 1024;
  const staged = (userId: number, size: number) => ({
    originalName: "skan.pdf",
    storedName: `q-${userId}-${Math.random().toString(36).slice(2)}`,
    size,
    sha256: "0".repeat(64),
    mimeType: "application/pdf",
    userId,
  });

  test("counts what the user uploaded within 24 hours; a file that would pass the quota is refused whole", async () => {
    const user = await insertUser();
    const other = await insertUser();
    const now = new Date();
    await stageFiles([staged(user.id, 3 * MB)], { quotaBytes: 5 * MB, now: new Date(now.getTime() - 25 * 3_600_000) });
    await stageFiles([staged(user.id, 3 * MB)], { quotaBytes: 5 * MB, now });
    await stageFiles([staged(other.id, 4 * MB)], { quotaBytes: 5 * MB, now });
    expect(await uploadedRecently({ userId: user.id, now })).toBe(3 * MB);

    await expect(
      stageFiles([staged(user.id, 1 * MB), staged(user.id, 1.5 * MB)], { quotaBytes: 5 * MB, now }),
    ).rejects.toBeInstanceOf(UploadQuotaExceeded);
    expect(await uploadedRecently({ userId: user.id, now })).toBe(3 * MB);
    await stageFiles([staged(user.id, 2 * MB)], { quotaBytes: 5 * MB, now });
    expect(await uploadedRecently({ userId: user.id, now })).toBe(5 * MB);
  });

  test("uploads sent at once cannot all slip under it: the check runs inside each one's transaction", async () => {
    const user = await insertUser();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => stageFiles([staged(user.id, 2 * MB)], { quotaBytes: 5 * MB })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(await uploadedRecently({ userId: user.id })).toBe(4 * MB);
  });
});
