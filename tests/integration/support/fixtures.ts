import fs from "node:fs";
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { customers, processes, tasks, type Process, type Task } from "@/db/schema";
import { config } from "@/lib/config";
import type { ProcessStatus } from "@/lib/domain";
import { stageFile } from "@/lib/tasks/files";
import { taskFormSchema, type TaskForm } from "@/lib/tasks/schema";

let counter = 0;

export function insertProcess(ownerId: number, status: ProcessStatus = "new"): Process {
  counter += 1;
  const customer = getDb()
    .insert(customers)
    .values({ firstName: "Jan", lastName: `Kowalski ${counter}` })
    .returning()
    .get();
  return getDb()
    .insert(processes)
    .values({ customerId: customer.id, brand: "Škoda", model: "Octavia", source: "showroom", ownerId, status })
    .returning()
    .get();
}

export function insertTask(
  processId: number,
  assigneeId: number,
  overrides: Partial<typeof tasks.$inferInsert> = {},
): Task {
  const startAt = new Date("2026-12-01T09:00:00Z");
  return getDb()
    .insert(tasks)
    .values({
      processId,
      assigneeId,
      plannedById: assigneeId,
      goal: "phone_contact",
      startAt,
      endAt: new Date(startAt.getTime() + 1_800_000),
      dueAt: startAt,
      ...overrides,
    })
    .returning()
    .get();
}

/** A file uploaded and staged the way /api/upload does. */
export function stageTestFile(userId: number, name = "oferta.pdf", content = "%PDF-1.4 test") {
  fs.mkdirSync(config.uploadsDir, { recursive: true });
  const storedName = crypto.randomBytes(12).toString("hex");
  fs.writeFileSync(`${config.uploadsDir}/${storedName}`, content);
  return stageFile({
    originalName: name,
    storedName,
    size: content.length,
    sha256: "x",
    mimeType: "application/pdf",
    userId,
  });
}

export function form(overrides: Record<string, unknown> = {}): TaskForm {
  return taskFormSchema.parse({
    submissionId: crypto.randomBytes(12).toString("base64url"),
    initiative: "dealer",
    noteType: "phone",
    content: "Zadzwoniłem, klient chce jazdę próbną.",
    goal: "test_drive",
    startDate: "2026-12-04",
    startTime: "15:00",
    fileTokens: [],
    ...overrides,
  });
}
