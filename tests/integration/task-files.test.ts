import fs from "node:fs";
import { eq } from "drizzle-orm";
import { taskFiles } from "@/db/schema";
import { detectMimeType, findDownloadableFile, removeStaleStagedFiles, storedPath } from "@/lib/tasks/files";
import { planNextContact } from "@/lib/tasks/mutations";
import { insertUser, useTestDatabase } from "./helpers";
import { form, insertProcess, stageTestFile } from "./support/fixtures";

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

test("staged files older than a day are removed with their bytes; attached ones and fresh ones stay", () => {
  const user = insertUser();
  const old = stageTestFile(user.id);
  const fresh = stageTestFile(user.id);
  const attached = stageTestFile(user.id);
  planNextContact({ user, process: insertProcess(user.id), form: form({ fileTokens: [attached.token] }) });
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  db().update(taskFiles).set({ createdAt: twoDaysAgo }).where(eq(taskFiles.id, old.id)).run();
  db().update(taskFiles).set({ createdAt: twoDaysAgo }).where(eq(taskFiles.id, attached.id)).run();

  expect(removeStaleStagedFiles()).toBe(1);
  expect(db().select().from(taskFiles).where(eq(taskFiles.id, old.id)).get()).toBeUndefined();
  expect(fs.existsSync(storedPath(old.storedName))).toBe(false);
  for (const kept of [fresh, attached]) expect(fs.existsSync(storedPath(kept.storedName))).toBe(true);
});

test("a file is downloadable by those who may see its process, and a staged one only by its uploader", () => {
  const owner = insertUser();
  const stranger = insertUser();
  const manager = insertUser("manager");
  const file = stageTestFile(owner.id);
  expect(findDownloadableFile({ user: owner, id: file.id })?.id).toBe(file.id);
  expect(findDownloadableFile({ user: manager, id: file.id })).toBeUndefined();
  planNextContact({ user: owner, process: insertProcess(owner.id), form: form({ fileTokens: [file.token] }) });
  expect(findDownloadableFile({ user: owner, id: file.id })?.id).toBe(file.id);
  expect(findDownloadableFile({ user: manager, id: file.id })?.id).toBe(file.id);
  expect(findDownloadableFile({ user: stranger, id: file.id })).toBeUndefined();
});
