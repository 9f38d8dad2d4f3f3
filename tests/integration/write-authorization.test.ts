import { count, eq } from "drizzle-orm";
import { notes, notifications, processEvents, processes, taskFiles, tasks } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { findVisibleProcess } from "@/lib/processes/access";
import { changeOwner, changeStatus } from "@/lib/processes/mutations";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { findVisibleTask } from "@/lib/tasks/queries";
import { useTestDatabase } from "../support/database";
import { form, insertProcess, insertTask, insertUser, stageTestFile, type TestUser } from "../support/fixtures";

// An action loads what its id names (the wrapper's `load`), then its body saves. A process handed to
// someone else in between must not be written by the salesperson who loaded it: every mutation re-reads
// the process through what its user may see now, inside its own transaction.
const db = useTestDatabase();

let manager: TestUser;
beforeAll(async () => {
  manager = await insertUser("manager");
});

/** Everything a save could have written about the process, and the process and its task as they are. */
async function snapshot(processId: number, taskId: number) {
  const tally = async (table: typeof notes | typeof tasks | typeof processEvents | typeof notifications) =>
    (await db().select({ n: count() }).from(table).where(eq(table.processId, processId)))[0].n;
  const [process] = await db()
    .select({ status: processes.status, ownerId: processes.ownerId, lastActivityAt: processes.lastActivityAt })
    .from(processes)
    .where(eq(processes.id, processId));
  const [task] = await db()
    .select({ state: tasks.state, doneById: tasks.doneById })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  return {
    notes: await tally(notes),
    tasks: await tally(tasks),
    events: await tally(processEvents),
    notifications: await tally(notifications),
    process,
    task,
  };
}

type Save = (user: TestUser, ids: { processId: number; taskId: number }, fileToken: string) => Promise<unknown>;

const saves: [string, Save][] = [
  [
    "planning (planNextContact)",
    (user, { processId }, fileToken) =>
      planNextContact({ user, processId, form: form({ notifyOwner: "on", fileTokens: [fileToken] }) }),
  ],
  [
    "executing a task (executeTask)",
    (user, { taskId }, fileToken) =>
      executeTask({ user, taskId, form: form({ notifyOwner: "on", fileTokens: [fileToken] }) }),
  ],
  ["a status change (changeStatus)", (user, { processId }) => changeStatus({ user, processId, status: "offer" })],
];

test.each(saves)(
  "%s on a process handed to someone else after it was loaded is refused and writes nothing",
  async (_name, save) => {
    const kasia = await insertUser("salesperson");
    const tomasz = await insertUser("salesperson");
    const process = await insertProcess(kasia.id, { status: "in_progress" });
    const task = await insertTask(process.id, kasia.id);
    const ids = { processId: process.id, taskId: task.id };

    // The action's load: Kasia may see the process and its task.
    expect(await findVisibleProcess({ user: kasia, id: process.id })).toMatchObject({ ownerId: kasia.id });
    expect((await findVisibleTask({ user: kasia, taskId: task.id }))?.task.id).toBe(task.id);

    // Meanwhile a manager hands the process to Tomasz.
    await changeOwner({ user: manager, processId: process.id, ownerId: tomasz.id });
    const before = await snapshot(process.id, task.id);
    expect(before.process.ownerId).toBe(tomasz.id);

    const file = await stageTestFile(kasia.id);
    const refused = save(kasia, ids, file.token);
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow("Nie znaleziono");

    expect(await snapshot(process.id, task.id)).toEqual(before);
    const [staged] = await db().select({ taskId: taskFiles.taskId }).from(taskFiles).where(eq(taskFiles.id, file.id));
    expect(staged.taskId).toBeNull();

    // The same save by the new owner goes through: the refusal was Kasia's sight, not the input.
    const own = await stageTestFile(tomasz.id);
    await save(tomasz, ids, own.token);
    expect(await snapshot(process.id, task.id)).not.toEqual(before);
  },
);
