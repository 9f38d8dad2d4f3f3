import "server-only";
import { defineStatement, valueOf } from "@/db/client";
import { processes } from "@/db/schema";

/**
 * A new process where many come at once (leads, imports), built once and run in the caller's transaction:
 * every column bound (`now` is its update and last activity time; `importId` null but for an import's).
 */
export const insertProcess = defineStatement((db) =>
  db
    .insert(processes)
    .values({
      customerId: valueOf("customerId"),
      brand: valueOf("brand"),
      model: valueOf("model"),
      vehicleNotes: valueOf("vehicleNotes"),
      source: valueOf("source"),
      showroomId: valueOf("showroomId"),
      ownerId: valueOf("ownerId"),
      status: valueOf("status"),
      resignationReason: valueOf("resignationReason"),
      createdById: valueOf("createdById"),
      createdAt: valueOf("createdAt"),
      updatedAt: valueOf("now"),
      lastActivityAt: valueOf("now"),
      importId: valueOf("importId"),
    })
    .returning({ id: processes.id }),
);
