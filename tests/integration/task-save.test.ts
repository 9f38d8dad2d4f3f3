import fs from "node:fs";
import { eq } from "drizzle-orm";
import { notes, notifications, processEvents, processes, taskFiles, tasks } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { storedPath } from "@/lib/tasks/files";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { GROUP_LIMIT, listPlannedTasks } from "@/lib/tasks/queries";
import { insertUser, useTestDatabase } from "./helpers";
import { form, insertProcess, insertTask, stageTestFile } from "./support/fixtures";

const db = useTestDatabase();

function counts(processId: number) {
  return {
    notes: db().select().from(notes).where(eq(notes.processId, processId)).all().length,
    tasks: db().select().from(tasks).where(eq(tasks.processId, processId)).all().length,
    events: db().select().from(processEvents).where(eq(processEvents.processId, processId)).all().length,
  };
}

test("planning saves the note, the task with its files, moves Nowy to W trakcie and notifies the owner", () => {
  const owner = insertUser("salesperson");
  const manager = insertUser("manager");
  const process = insertProcess(owner.id);
  const file = stageTestFile(manager.id, "Oferta Łódź.pdf");
  const result = planNextContact({
    user: manager,
    process,
    form: form({ notifyOwner: "on", fileTokens: [file.token], remindAbout: "cennik" }),
  });

  const note = db().select().from(notes).where(eq(notes.id, result.noteId!)).get()!;
  expect(note).toMatchObject({
    processId: process.id,
    authorId: manager.id,
    initiative: "dealer",
    type: "phone",
    notifyOwner: true,
    taskId: null,
  });
  const task = db().select().from(tasks).where(eq(tasks.id, result.taskId!)).get()!;
  expect(task).toMatchObject({
    assigneeId: owner.id,
    plannedById: manager.id,
    goal: "test_drive",
    remindAbout: "cennik",
    state: "planned",
    allDay: false,
  });
  expect(task.startAt!.toISOString()).toBe("2026-12-04T14:00:00.000Z");
  expect(task.endAt!.toISOString()).toBe("2026-12-04T14:30:00.000Z");
  expect(db().select().from(taskFiles).where(eq(taskFiles.id, file.id)).get()!.taskId).toBe(task.id);
  expect(db().select().from(processes).where(eq(processes.id, process.id)).get()!.status).toBe("in_progress");
  expect(db().select().from(processEvents).where(eq(processEvents.processId, process.id)).all()).toEqual([
    expect.objectContaining({ kind: "status", fromValue: "new", toValue: "in_progress", userId: manager.id }),
  ]);
  const sent = db().select().from(notifications).where(eq(notifications.userId, owner.id)).all();
  expect(sent.map((n) => n.kind).sort()).toEqual(["note", "task_planned"]);
  expect(sent.every((n) => n.processId === process.id && n.actorId === manager.id)).toBe(true);
});

test("the owner planning for themselves notifies nobody; an all-day task is stored by its date", () => {
  const owner = insertUser("salesperson");
  const process = insertProcess(owner.id, "offer");
  const result = planNextContact({
    user: owner,
    process,
    form: form({ notifyOwner: "on", allDay: "on", startDate: "2026-12-24", startTime: "xx" }),
  });
  const task = db().select().from(tasks).where(eq(tasks.id, result.taskId!)).get()!;
  expect(task).toMatchObject({ allDay: true, dueDate: "2026-12-24", startAt: null, endAt: null });
  expect(task.dueAt.toISOString()).toBe("2026-12-23T23:00:00.000Z");
  expect(db().select().from(notifications).where(eq(notifications.userId, owner.id)).all()).toHaveLength(0);
  // Only Nowy moves; an offer stays an offer, with no system entry.
  expect(db().select().from(processes).where(eq(processes.id, process.id)).get()!.status).toBe("offer");
  expect(counts(process.id).events).toBe(0);
});

test("the same submission saved twice is saved once", () => {
  const owner = insertUser();
  const process = insertProcess(owner.id);
  const submitted = form();
  expect(planNextContact({ user: owner, process, form: submitted }).duplicate).toBe(false);
  expect(planNextContact({ user: owner, process, form: submitted }).duplicate).toBe(true);
  expect(counts(process.id)).toEqual({ notes: 1, tasks: 1, events: 1 });
});

test("a file token of another user fails the save and leaves nothing", () => {
  const owner = insertUser();
  const other = insertUser();
  const process = insertProcess(owner.id);
  const mine = stageTestFile(owner.id);
  const theirs = stageTestFile(other.id);
  expect(() =>
    planNextContact({ user: owner, process, form: form({ fileTokens: [mine.token, theirs.token] }) }),
  ).toThrow(UserError);
  expect(counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
  expect(db().select().from(processes).where(eq(processes.id, process.id)).get()!.status).toBe("new");
  // Both staged files stay staged: the user can remove the bad one and save again.
  expect(db().select().from(taskFiles).where(eq(taskFiles.id, mine.id)).get()!.taskId).toBeNull();
  expect(db().select().from(taskFiles).where(eq(taskFiles.id, theirs.id)).get()!.taskId).toBeNull();
});

test("a failure after the note was written leaves nothing, and removes the uploaded files", () => {
  const owner = insertUser();
  const process = insertProcess(owner.id);
  const file = stageTestFile(owner.id);
  expect(fs.existsSync(storedPath(file.storedName))).toBe(true);
  // The database itself refuses the task insert, after the note insert succeeded in the same transaction.
  db().$client.exec(`CREATE TRIGGER fail_tasks BEFORE INSERT ON tasks BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
  try {
    expect(() => planNextContact({ user: owner, process, form: form({ fileTokens: [file.token] }) })).toThrow(
      "disk on fire",
    );
  } finally {
    db().$client.exec("DROP TRIGGER fail_tasks");
  }
  expect(counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
  expect(db().select().from(taskFiles).where(eq(taskFiles.id, file.id)).get()).toBeUndefined();
  expect(fs.existsSync(storedPath(file.storedName))).toBe(false);
});

test("executing marks the task done, links the note and plans the next task, once", () => {
  const owner = insertUser();
  const process = insertProcess(owner.id, "in_progress");
  const task = insertTask(process.id, owner.id);
  const result = executeTask({ user: owner, taskId: task.id, form: form({ content: "Jazda próbna odbyta." }) });
  const done = db().select().from(tasks).where(eq(tasks.id, task.id)).get()!;
  expect(done).toMatchObject({ state: "done", doneById: owner.id });
  expect(done.doneAt).toBeInstanceOf(Date);
  expect(db().select().from(notes).where(eq(notes.id, result.noteId!)).get()!.taskId).toBe(task.id);
  expect(db().select().from(tasks).where(eq(tasks.id, result.taskId!)).get()!.state).toBe("planned");
  // A second execution (another tab, another request) is refused with a message and saves nothing.
  expect(() => executeTask({ user: owner, taskId: task.id, form: form() })).toThrow("To zadanie zostało już wykonane");
  expect(counts(process.id)).toEqual({ notes: 1, tasks: 2, events: 0 });
});

test("an open process refuses an execution without a next task; an ended one accepts it", () => {
  const owner = insertUser();
  const open = insertProcess(owner.id, "order");
  const openTask = insertTask(open.id, owner.id);
  expect(() => executeTask({ user: owner, taskId: openTask.id, form: form({ skipNextTask: "on" }) })).toThrow(
    "Proces jest otwarty: zaplanuj kolejny kontakt z klientem.",
  );
  expect(db().select().from(tasks).where(eq(tasks.id, openTask.id)).get()!.state).toBe("planned");
  expect(counts(open.id).notes).toBe(0);

  const delivered = insertProcess(owner.id, "delivered");
  const lastTask = insertTask(delivered.id, owner.id);
  const result = executeTask({
    user: owner,
    taskId: lastTask.id,
    form: form({ skipNextTask: "on", goal: "", startDate: "" }),
  });
  expect(result.taskId).toBeNull();
  expect(db().select().from(tasks).where(eq(tasks.id, lastTask.id)).get()!.state).toBe("done");
  expect(counts(delivered.id)).toEqual({ notes: 1, tasks: 1, events: 0 });
});

test.each(["delivered", "resigned"] as const)(
  "planning on a process that is %s saves the note alone when 'Nie planuj kolejnych zadań' is ticked, ignoring the task fields",
  async (status) => {
    const owner = insertUser();
    const manager = insertUser("manager");
    const process = insertProcess(owner.id, status);
    const result = await planNextContact({
      user: manager,
      process,
      // Without JavaScript the hidden task part still travels, half filled: it is ignored.
      form: form({
        skipNextTask: "on",
        notifyOwner: "on",
        content: "Telefon posprzedażowy: klient zadowolony.",
        startTime: "99:99",
      }),
    });
    expect(result.taskId).toBeNull();
    const saved = db().select().from(notes).where(eq(notes.processId, process.id)).all();
    expect(saved.map((note) => [note.content, note.authorId, note.taskId])).toEqual([
      ["Telefon posprzedażowy: klient zadowolony.", manager.id, null],
    ]);
    expect(counts(process.id)).toEqual({ notes: 1, tasks: 0, events: 0 });
    expect(db().select().from(processes).where(eq(processes.id, process.id)).get()!.status).toBe(status);
    // The owner hears of the note, and of no task.
    const sent = db().select().from(notifications).where(eq(notifications.processId, process.id)).all();
    expect(sent.map((n) => [n.kind, n.userId])).toEqual([["note", owner.id]]);
  },
);

test("planning on an open process refuses a request that says 'Nie planuj kolejnych zadań', and saves nothing", async () => {
  const owner = insertUser();
  for (const status of ["new", "in_progress", "offer", "order"] as const) {
    const process = insertProcess(owner.id, status);
    await expect(
      Promise.resolve().then(() => planNextContact({ user: owner, process, form: form({ skipNextTask: "on" }) })),
    ).rejects.toThrow("Proces jest otwarty: zaplanuj kolejny kontakt z klientem.");
    expect(counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
    expect(db().select().from(processes).where(eq(processes.id, process.id)).get()!.status).toBe(status);
  }
});

test("the choice is judged on the status at the time of the save: a process reopened after the form was drawn refuses it", async () => {
  const owner = insertUser();
  const process = insertProcess(owner.id, "delivered");
  // The form was drawn with the option; meanwhile the manager moved the process back to Zamówienie.
  db().update(processes).set({ status: "order" }).where(eq(processes.id, process.id)).run();
  await expect(
    Promise.resolve().then(() => planNextContact({ user: owner, process, form: form({ skipNextTask: "on" }) })),
  ).rejects.toThrow(UserError);
  expect(counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
});

test("Moje zadania groups planned tasks into overdue, today and upcoming in Warsaw time", () => {
  const owner = insertUser();
  const manager = insertUser("manager");
  const process = insertProcess(owner.id, "in_progress");
  // 2026-12-03 10:00 in Warsaw.
  const now = new Date("2026-12-03T09:00:00Z");
  const at = (iso: string) => ({ startAt: new Date(iso), endAt: new Date(iso), dueAt: new Date(iso) });
  const allDay = (date: string, dueAt: string) => ({
    allDay: true,
    dueDate: date,
    startAt: null,
    endAt: null,
    dueAt: new Date(dueAt),
  });
  const ids = {
    yesterday: insertTask(process.id, owner.id, allDay("2026-12-02", "2026-12-01T23:00:00Z")).id,
    earlierToday: insertTask(process.id, owner.id, at("2026-12-03T07:00:00Z")).id,
    todayAllDay: insertTask(process.id, owner.id, allDay("2026-12-03", "2026-12-02T23:00:00Z")).id,
    lateToday: insertTask(process.id, owner.id, at("2026-12-03T22:30:00Z")).id,
    tomorrow: insertTask(process.id, owner.id, at("2026-12-03T23:00:00Z")).id,
  };
  insertTask(process.id, owner.id, { ...at("2026-12-01T07:00:00Z"), state: "done" });
  const groups = listPlannedTasks({ viewer: owner, assignee: owner.id, now });
  expect(groups.overdue.map((task) => task.id)).toEqual([ids.yesterday, ids.earlierToday]);
  expect(groups.today.map((task) => task.id)).toEqual([ids.todayAllDay, ids.lateToday]);
  expect(groups.upcoming.map((task) => task.id)).toEqual([ids.tomorrow]);
  expect(groups.today[0]).toMatchObject({
    customer: expect.stringContaining("Jan Kowalski"),
    vehicle: "Škoda Octavia",
  });

  // A salesperson sees nothing of processes that are not theirs, whatever they ask for.
  const stranger = insertUser();
  const theirs = listPlannedTasks({ viewer: stranger, assignee: "all", now });
  expect([...theirs.overdue, ...theirs.today, ...theirs.upcoming]).toHaveLength(0);
  const all = listPlannedTasks({ viewer: manager, assignee: "all", now });
  expect(all.overdue.length + all.today.length + all.upcoming.length).toBeGreaterThanOrEqual(5);
});

test("a long group in Moje zadania holds its earliest tasks and tells how many there are in all", () => {
  const owner = insertUser();
  const process = insertProcess(owner.id, "in_progress");
  const now = new Date("2026-12-03T09:00:00Z");
  const first = new Date("2026-12-10T09:00:00Z").getTime();
  for (let i = 0; i < GROUP_LIMIT + 10; i++) {
    const at = new Date(first + i * 3_600_000);
    insertTask(process.id, owner.id, { startAt: at, endAt: at, dueAt: at });
  }
  const groups = listPlannedTasks({ viewer: owner, assignee: owner.id, now });
  expect(groups.upcoming).toHaveLength(GROUP_LIMIT);
  expect(groups.totals).toEqual({ overdue: 0, today: 0, upcoming: GROUP_LIMIT + 10 });
  expect(groups.upcoming[0].dueAt.getTime()).toBe(first);
});
