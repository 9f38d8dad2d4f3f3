import { getDb } from "@/db/client";
import { customers, notes, processes, tasks, type Task } from "@/db/schema";
import type { TaskGoal } from "@/lib/domain";
import { startOfLocalDay, zonedInstant } from "@/lib/time";

/** A customer and a process owned by `ownerId`. */
export function insertProcess(
  ownerId: number,
  customer = { firstName: "Jan", lastName: "Kowalski" },
  vehicle = { brand: "Skoda", model: "Octavia" },
) {
  const db = getDb();
  const c = db.insert(customers).values(customer).returning().get();
  return db
    .insert(processes)
    .values({ customerId: c.id, ownerId, source: "showroom", ...vehicle })
    .returning()
    .get();
}

type TaskInput = {
  processId: number;
  assigneeId: number;
  goal?: TaskGoal;
  remindAbout?: string | null;
  state?: "planned" | "done";
};

/** A timed task at a local date and time, 30 minutes long. */
export function insertTimedTask(input: TaskInput & { date: string; time: string }): Task {
  const startAt = zonedInstant(input.date, input.time)!;
  return getDb()
    .insert(tasks)
    .values({
      processId: input.processId,
      assigneeId: input.assigneeId,
      plannedById: input.assigneeId,
      goal: input.goal ?? "phone_contact",
      remindAbout: input.remindAbout ?? null,
      allDay: false,
      startAt,
      endAt: new Date(startAt.getTime() + 30 * 60_000),
      dueAt: startAt,
      state: input.state ?? "planned",
    })
    .returning()
    .get();
}

export function insertAllDayTask(input: TaskInput & { date: string }): Task {
  return getDb()
    .insert(tasks)
    .values({
      processId: input.processId,
      assigneeId: input.assigneeId,
      plannedById: input.assigneeId,
      goal: input.goal ?? "showroom_meeting",
      remindAbout: input.remindAbout ?? null,
      allDay: true,
      dueDate: input.date,
      dueAt: startOfLocalDay(input.date),
      state: input.state ?? "planned",
    })
    .returning()
    .get();
}

export function insertNote(processId: number, authorId: number, content = "Klient prosi o telefon") {
  return getDb()
    .insert(notes)
    .values({ processId, authorId, initiative: "customer", type: "phone", content, notifyOwner: true })
    .returning()
    .get();
}
