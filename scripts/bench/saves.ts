// Save timings of `npm run bench`, in process, on the large database (DATA_DIR points at it, so getDb()
// opens it).
import type { SqliteDb } from "@/db/client";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { taskFormSchema } from "@/lib/tasks/schema";
import { timeSamples, type Timing } from "./timing";

export type SaveContext = {
  /** The large database itself, for the bare insert. */
  db: SqliteDb;
  /** The bench process (50 notes, 10 tasks), owned by `user`. */
  processId: number;
  /** The bench salesperson, as a session user. */
  user: { id: number; name: string; email: string; role: "salesperson" };
  /** Planned tasks of `user` (more than 50), for executing: each sample may use up one. */
  plannedTaskIds: number[];
};

/** The yardstick of the saves: a bare one-row insert (one note) in its own transaction. */
export function measureBareInsert(context: SaveContext, samples = 200): Promise<Timing> {
  const insert = context.db.$client.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, created_at) values (?, ?, 'dealer', 'phone', ?, ?)",
  );
  return timeSamples("bare one-row insert (notes)", samples, (i) =>
    insert.run(context.processId, context.user.id, `Pomiar ${i}`, Date.now()),
  );
}

let submission = 0;

/** The form as the browser sends it, parsed by the same schema the action uses. */
function formFor(label: string) {
  return taskFormSchema.parse(formInput(label));
}

function formInput(label: string) {
  submission += 1;
  return {
    submissionId: `bench-${process.pid}-${Date.now()}-${submission}`,
    initiative: "customer",
    noteType: "phone",
    content: `${label}: klient potwierdził termin jazdy próbnej.`,
    goal: "test_drive",
    remindAbout: "przygotować auto demo",
    startDate: "2027-01-15",
    startTime: "10:00",
  };
}

/** The real saves of the combined form and of executing a task, on the large database. */
export async function measureSaves(context: SaveContext): Promise<Timing[]> {
  const { user, processId, plannedTaskIds } = context;
  const samples = Math.min(50, plannedTaskIds.length - 5);
  const plan = await timeSamples("combined form (note + task)", samples, () =>
    planNextContact({ user, processId, form: formFor("plan") }),
  );
  const execute = await timeSamples("execute a task (done + note + next task)", samples, (i) =>
    executeTask({ user, taskId: plannedTaskIds[i + 5], form: formFor("execute") }),
  );
  return [plan, execute];
}

/**
 * Booking a demo car from the combined form (issue 19): each save locks the car's row and reads its
 * overlapping bookings; `samples` saves at distinct hours, then as many refused ones (the same hour again).
 */
export async function measureCarBookings(context: SaveContext, samples = 50): Promise<Timing[]> {
  const { db, user, processId } = context;
  const { showroom_id: showroomId } = db.$client
    .prepare("select showroom_id from processes where id = ?")
    .get(processId) as {
    showroom_id: number;
  };
  const carId = Number(
    db.$client
      .prepare(
        "insert into demo_cars (showroom_id, make, model, registration, vin) values (?, 'Škoda', 'Octavia', ?, ?)",
      )
      .run(
        showroomId,
        `WB${process.pid}`.slice(0, 10),
        `TMBJR7NX5P${String(process.pid).padStart(7, "0")}`.slice(0, 17),
      ).lastInsertRowid,
  );
  const at = (i: number) => ({
    carId: String(carId),
    startDate: `2027-02-${String(1 + Math.floor(i / 10)).padStart(2, "0")}`,
    startTime: `${String(8 + (i % 10)).padStart(2, "0")}:00`,
  });
  const formAt = (i: number) => taskFormSchema.parse({ ...formInput("car"), ...at(i) });
  // Warm-up calls have negative indexes: they book hours after the measured ones, and are refused on the
  // measured ones' hours.
  const book = await timeSamples("combined form booking a demo car", samples, (i) =>
    planNextContact({ user, processId, form: formAt(i < 0 ? samples - 1 - i : i) }),
  );
  const refused = await timeSamples("combined form refused: the car is taken", samples, (i) =>
    planNextContact({ user, processId, form: formAt(i < 0 ? -1 - i : i) }).then(
      () => {
        throw new Error("a double booking was saved");
      },
      (error: unknown) => error,
    ),
  );
  return [book, refused];
}
