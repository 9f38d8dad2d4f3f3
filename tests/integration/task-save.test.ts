import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { notes, notifications, processEvents, processes, taskFiles, tasks } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { storedPath } from "@/lib/tasks/files";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { GROUP_LIMIT, listPlannedTasks } from "@/lib/tasks/queries";
import { holdWrites, refuseInserts, useTestDatabase } from "../support/database";
import { form, insertProcess, insertTask, insertUser, stageTestFile } from "../support/fixtures";

const db = useTestDatabase();

async function counts(processId: number) {
  const [[{ n: noteCount }], [{ n: taskCount }], [{ n: eventCount }]] = await Promise.all([
    db().select({ n: count() }).from(notes).where(eq(notes.processId, processId)),
    db().select({ n: count() }).from(tasks).where(eq(tasks.processId, processId)),
    db().select({ n: count() }).from(processEvents).where(eq(processEvents.processId, processId)),
  ]);
  return { notes: noteCount, tasks: taskCount, events: eventCount };
}

const one = async <T>(rows: Promise<T[]>) => (await rows)[0];
const noteById = (id: number) => one(db().select().from(notes).where(eq(notes.id, id)));
const taskById = (id: number) => one(db().select().from(tasks).where(eq(tasks.id, id)));
const processById = (id: number) => one(db().select().from(processes).where(eq(processes.id, id)));
const fileById = (id: number) => one(db().select().from(taskFiles).where(eq(taskFiles.id, id)));

const ALREADY_DONE =
  "To zadanie zostało już wykonane (być może w innej karcie lub przez inną osobę). Twoja notatka nie została zapisana — skopiuj ją, jeśli chcesz ją dodać przez „Planowanie zadań”.";

test("planning saves the note, the task with its files, moves Nowy to W trakcie and notifies the owner", async () => {
  const owner = await insertUser("salesperson");
  const manager = await insertUser("manager");
  const process = await insertProcess(owner.id);
  const file = await stageTestFile(manager.id, "Oferta Łódź.pdf");
  const result = await planNextContact({
    user: manager,
    processId: process.id,
    form: form({ notifyOwner: "on", fileTokens: [file.token], remindAbout: "cennik" }),
  });

  const note = await noteById(result.noteId!);
  expect(note).toMatchObject({
    processId: process.id,
    authorId: manager.id,
    initiative: "dealer",
    type: "phone",
    notifyOwner: true,
    taskId: null,
  });
  const task = await taskById(result.taskId!);
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
  expect((await fileById(file.id)).taskId).toBe(task.id);
  expect((await processById(process.id)).status).toBe("in_progress");
  expect(await db().select().from(processEvents).where(eq(processEvents.processId, process.id))).toEqual([
    expect.objectContaining({ kind: "status", fromValue: "new", toValue: "in_progress", userId: manager.id }),
  ]);
  const sent = await db().select().from(notifications).where(eq(notifications.userId, owner.id));
  expect(sent.map((n) => n.kind).sort()).toEqual(["note", "task_planned"]);
  expect(sent.every((n) => n.processId === process.id && n.actorId === manager.id)).toBe(true);
});

test("the owner planning for themselves notifies nobody; an all-day task is stored by its date", async () => {
  const owner = await insertUser("salesperson");
  const process = await insertProcess(owner.id, { status: "offer" });
  const result = await planNextContact({
    user: owner,
    processId: process.id,
    form: form({ notifyOwner: "on", allDay: "on", startDate: "2026-12-24", startTime: "xx" }),
  });
  const task = await taskById(result.taskId!);
  expect(task).toMatchObject({ allDay: true, dueDate: "2026-12-24", startAt: null, endAt: null });
  expect(task.dueAt.toISOString()).toBe("2026-12-23T23:00:00.000Z");
  expect(await db().select().from(notifications).where(eq(notifications.userId, owner.id))).toHaveLength(0);
  // Only Nowy moves; an offer stays an offer, with no system entry.
  expect((await processById(process.id)).status).toBe("offer");
  expect((await counts(process.id)).events).toBe(0);
});

test("the same submission saved twice is saved once", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id);
  const submitted = form();
  expect((await planNextContact({ user: owner, processId: process.id, form: submitted })).duplicate).toBe(false);
  expect((await planNextContact({ user: owner, processId: process.id, form: submitted })).duplicate).toBe(true);
  expect(await counts(process.id)).toEqual({ notes: 1, tasks: 1, events: 1 });
});

test("the same submission saved three times at once is saved once, and every answer says which note it is", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id);
  const file = await stageTestFile(owner.id);
  const submitted = form({ fileTokens: [file.token] });
  // On PostgreSQL the three run at once: each passes the check for an earlier note before the first one
  // writes its own; the later two wait for the process row and then meet the unique submission id.
  const writes = await holdWrites("notes");
  const saving = Promise.all(
    [1, 2, 3].map(() => planNextContact({ user: owner, processId: process.id, form: submitted })),
  );
  await writes.release(3);
  const results = await saving;
  const saved = results.filter((result) => !result.duplicate);
  expect(saved).toHaveLength(1);
  expect(results.filter((result) => result.duplicate).map((result) => result.noteId)).toEqual([
    saved[0].noteId,
    saved[0].noteId,
  ]);
  expect(await counts(process.id)).toEqual({ notes: 1, tasks: 1, events: 1 });
  // The file went with the one saved task; no answer removed it as an orphan.
  expect((await fileById(file.id)).taskId).toBe(saved[0].taskId);
  expect(fs.existsSync(storedPath(file.storedName))).toBe(true);
});

test("a NUL character typed into the form (no keyboard does) is left out, not an error", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id);
  const result = await planNextContact({
    user: owner,
    processId: process.id,
    form: form({ content: "Klient\u0000 dzwonił", remindAbout: "\u0000cennik" }),
  });
  expect(await noteById(result.noteId!)).toMatchObject({ content: "Klient dzwonił" });
  expect(await taskById(result.taskId!)).toMatchObject({ remindAbout: "cennik" });
});

test("a file token of another user fails the save and leaves nothing", async () => {
  const owner = await insertUser();
  const other = await insertUser();
  const process = await insertProcess(owner.id);
  const mine = await stageTestFile(owner.id);
  const theirs = await stageTestFile(other.id);
  const saving = planNextContact({
    user: owner,
    processId: process.id,
    form: form({ fileTokens: [mine.token, theirs.token] }),
  });
  await expect(saving).rejects.toThrow(UserError);
  await expect(saving).rejects.toThrow(
    "Jeden z dołączonych plików nie jest już dostępny. Usuń go z listy i dodaj ponownie.",
  );
  expect(await counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
  expect((await processById(process.id)).status).toBe("new");
  // Both staged files stay staged: the user can remove the bad one and save again.
  expect((await fileById(mine.id)).taskId).toBeNull();
  expect((await fileById(theirs.id)).taskId).toBeNull();
});

test("a failure after the note was written leaves nothing, and removes the uploaded files", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id);
  const file = await stageTestFile(owner.id);
  expect(fs.existsSync(storedPath(file.storedName))).toBe(true);
  // The database itself refuses the task insert, after the note insert succeeded in the same transaction.
  const allowInserts = await refuseInserts("tasks", "disk on fire");
  try {
    // Read the error itself: better-sqlite3 makes its errors with the Error class of the first test file
    // that loaded it in this jest worker, which `rejects.toThrow` does not take for an error here. Drizzle
    // reports PostgreSQL's error as the cause of its own.
    const error = await planNextContact({
      user: owner,
      processId: process.id,
      form: form({ fileTokens: [file.token] }),
    }).then(
      () => "saved",
      (failure: { message?: string; cause?: { message?: string } }) => (failure.cause ?? failure).message,
    );
    expect(error).toBe("disk on fire");
  } finally {
    await allowInserts();
  }
  expect(await counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
  expect(await fileById(file.id)).toBeUndefined();
  expect(fs.existsSync(storedPath(file.storedName))).toBe(false);
});

test("executing marks the task done, links the note and plans the next task, once", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id, { status: "in_progress" });
  const task = await insertTask(process.id, owner.id);
  const result = await executeTask({ user: owner, taskId: task.id, form: form({ content: "Jazda próbna odbyta." }) });
  const done = await taskById(task.id);
  expect(done).toMatchObject({ state: "done", doneById: owner.id });
  expect(done.doneAt).toBeInstanceOf(Date);
  expect((await noteById(result.noteId!)).taskId).toBe(task.id);
  expect((await taskById(result.taskId!)).state).toBe("planned");
  // A second execution (another tab, another request) is refused with a message and saves nothing.
  await expect(executeTask({ user: owner, taskId: task.id, form: form() })).rejects.toThrow(ALREADY_DONE);
  expect(await counts(process.id)).toEqual({ notes: 1, tasks: 2, events: 0 });
});

test("an open process refuses an execution without a next task; an ended one accepts it", async () => {
  const owner = await insertUser();
  const open = await insertProcess(owner.id, { status: "order" });
  const openTask = await insertTask(open.id, owner.id);
  await expect(executeTask({ user: owner, taskId: openTask.id, form: form({ skipNextTask: "on" }) })).rejects.toThrow(
    "Proces jest otwarty: zaplanuj kolejny kontakt z klientem.",
  );
  expect((await taskById(openTask.id)).state).toBe("planned");
  expect((await counts(open.id)).notes).toBe(0);

  const delivered = await insertProcess(owner.id, { status: "delivered" });
  const lastTask = await insertTask(delivered.id, owner.id);
  const result = await executeTask({
    user: owner,
    taskId: lastTask.id,
    form: form({ skipNextTask: "on", goal: "", startDate: "" }),
  });
  expect(result.taskId).toBeNull();
  expect((await taskById(lastTask.id)).state).toBe("done");
  expect(await counts(delivered.id)).toEqual({ notes: 1, tasks: 1, events: 0 });
});

test.each(["delivered", "resigned"] as const)(
  "planning on a process that is %s saves the note alone when 'Nie planuj kolejnych zadań' is ticked, ignoring the task fields",
  async (status) => {
    const owner = await insertUser();
    const manager = await insertUser("manager");
    const process = await insertProcess(owner.id, { status });
    const result = await planNextContact({
      user: manager,
      processId: process.id,
      // Without JavaScript the hidden task part still travels, half filled: it is ignored.
      form: form({
        skipNextTask: "on",
        notifyOwner: "on",
        content: "Telefon posprzedażowy: klient zadowolony.",
        startTime: "99:99",
      }),
    });
    expect(result.taskId).toBeNull();
    const saved = await db().select().from(notes).where(eq(notes.processId, process.id));
    expect(saved.map((note) => [note.content, note.authorId, note.taskId])).toEqual([
      ["Telefon posprzedażowy: klient zadowolony.", manager.id, null],
    ]);
    expect(await counts(process.id)).toEqual({ notes: 1, tasks: 0, events: 0 });
    expect((await processById(process.id)).status).toBe(status);
    // The owner hears of the note, and of no task.
    const sent = await db().select().from(notifications).where(eq(notifications.processId, process.id));
    expect(sent.map((n) => [n.kind, n.userId])).toEqual([["note", owner.id]]);
  },
);

test("planning on an open process refuses a request that says 'Nie planuj kolejnych zadań', and saves nothing", async () => {
  const owner = await insertUser();
  for (const status of ["new", "in_progress", "offer", "order"] as const) {
    const process = await insertProcess(owner.id, { status });
    await expect(
      planNextContact({ user: owner, processId: process.id, form: form({ skipNextTask: "on" }) }),
    ).rejects.toThrow("Proces jest otwarty: zaplanuj kolejny kontakt z klientem.");
    expect(await counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
    expect((await processById(process.id)).status).toBe(status);
  }
});

test("the choice is judged on the status at the time of the save: a process reopened after the form was drawn refuses it", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id, { status: "delivered" });
  // The form was drawn with the option; meanwhile the manager moved the process back to Zamówienie.
  await transaction((tx) => tx.update(processes).set({ status: "order" }).where(eq(processes.id, process.id)));
  await expect(
    planNextContact({ user: owner, processId: process.id, form: form({ skipNextTask: "on" }) }),
  ).rejects.toThrow(UserError);
  expect(await counts(process.id)).toEqual({ notes: 0, tasks: 0, events: 0 });
});

test("Moje zadania groups planned tasks into overdue, today and upcoming in Warsaw time", async () => {
  const owner = await insertUser();
  const manager = await insertUser("manager");
  const process = await insertProcess(owner.id, { status: "in_progress" });
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
    yesterday: (await insertTask(process.id, owner.id, allDay("2026-12-02", "2026-12-01T23:00:00Z"))).id,
    earlierToday: (await insertTask(process.id, owner.id, at("2026-12-03T07:00:00Z"))).id,
    todayAllDay: (await insertTask(process.id, owner.id, allDay("2026-12-03", "2026-12-02T23:00:00Z"))).id,
    lateToday: (await insertTask(process.id, owner.id, at("2026-12-03T22:30:00Z"))).id,
    tomorrow: (await insertTask(process.id, owner.id, at("2026-12-03T23:00:00Z"))).id,
  };
  await insertTask(process.id, owner.id, { ...at("2026-12-01T07:00:00Z"), state: "done" });
  const groups = await listPlannedTasks({ viewer: owner, assignee: owner.id, now });
  expect(groups.overdue.map((task) => task.id)).toEqual([ids.yesterday, ids.earlierToday]);
  expect(groups.today.map((task) => task.id)).toEqual([ids.todayAllDay, ids.lateToday]);
  expect(groups.upcoming.map((task) => task.id)).toEqual([ids.tomorrow]);
  expect(groups.today[0]).toMatchObject({
    customer: expect.stringContaining("Jan Kowalski"),
    vehicle: "Škoda Octavia",
  });

  // A salesperson sees nothing of processes that are not theirs, whatever they ask for.
  const stranger = await insertUser();
  const theirs = await listPlannedTasks({ viewer: stranger, assignee: "all", now });
  expect([...theirs.overdue, ...theirs.today, ...theirs.upcoming]).toHaveLength(0);
  const all = await listPlannedTasks({ viewer: manager, assignee: "all", now });
  expect(all.overdue.length + all.today.length + all.upcoming.length).toBeGreaterThanOrEqual(5);
});

test("a long group in Moje zadania holds its earliest tasks and tells how many there are in all", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id, { status: "in_progress" });
  const now = new Date("2026-12-03T09:00:00Z");
  const first = new Date("2026-12-10T09:00:00Z").getTime();
  for (let i = 0; i < GROUP_LIMIT + 10; i++) {
    const at = new Date(first + i * 3_600_000);
    await insertTask(process.id, owner.id, { startAt: at, endAt: at, dueAt: at });
  }
  const groups = await listPlannedTasks({ viewer: owner, assignee: owner.id, now });
  expect(groups.upcoming).toHaveLength(GROUP_LIMIT);
  expect(groups.totals).toEqual({ overdue: 0, today: 0, upcoming: GROUP_LIMIT + 10 });
  expect(groups.upcoming[0].dueAt.getTime()).toBe(first);
});

test("a long group pages by its own offset; an offset past the end gives the last page", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id, { status: "in_progress" });
  const now = new Date("2026-12-03T09:00:00Z");
  const first = new Date("2026-12-10T09:00:00Z").getTime();
  const ids: number[] = [];
  for (let i = 0; i < GROUP_LIMIT + 5; i++) {
    const at = new Date(first + i * 3_600_000);
    ids.push((await insertTask(process.id, owner.id, { startAt: at, endAt: at, dueAt: at })).id);
  }
  const second = await listPlannedTasks({ viewer: owner, assignee: owner.id, now, offsets: { upcoming: GROUP_LIMIT } });
  expect(second.upcoming.map((task) => task.id)).toEqual(ids.slice(GROUP_LIMIT));
  expect(second.totals.upcoming).toBe(GROUP_LIMIT + 5);
  expect(second.offsets).toEqual({ overdue: 0, today: 0, upcoming: GROUP_LIMIT });

  const beyond = await listPlannedTasks({
    viewer: owner,
    assignee: owner.id,
    now,
    offsets: { upcoming: 10 * GROUP_LIMIT },
  });
  expect(beyond.upcoming.map((task) => task.id)).toEqual(ids.slice(GROUP_LIMIT));
  expect(beyond.offsets.upcoming).toBe(GROUP_LIMIT);
});

test("Moje zadania reads its three groups at once: each keeps its own order, count and offset, past the end too", async () => {
  const owner = await insertUser();
  const process = await insertProcess(owner.id, { status: "in_progress" });
  const now = new Date("2026-12-03T09:00:00Z");
  const at = (iso: string) => ({ startAt: new Date(iso), endAt: new Date(iso), dueAt: new Date(iso) });
  const overdue: number[] = [];
  const upcoming: number[] = [];
  // Inserted latest first: the order comes from the due time, not from the rows.
  for (let i = GROUP_LIMIT + 2; i >= 0; i--)
    overdue.unshift(
      (
        await insertTask(
          process.id,
          owner.id,
          at(new Date(Date.parse("2026-11-01T08:00:00Z") + i * 3_600_000).toISOString()),
        )
      ).id,
    );
  const today = (await insertTask(process.id, owner.id, at("2026-12-03T15:00:00Z"))).id;
  for (let i = GROUP_LIMIT; i >= 0; i--)
    upcoming.unshift(
      (
        await insertTask(
          process.id,
          owner.id,
          at(new Date(Date.parse("2026-12-10T08:00:00Z") + i * 3_600_000).toISOString()),
        )
      ).id,
    );

  const first = await listPlannedTasks({ viewer: owner, assignee: owner.id, now });
  expect(first.overdue.map((task) => task.id)).toEqual(overdue.slice(0, GROUP_LIMIT));
  expect(first.today.map((task) => task.id)).toEqual([today]);
  expect(first.upcoming.map((task) => task.id)).toEqual(upcoming.slice(0, GROUP_LIMIT));
  expect(first.totals).toEqual({ overdue: GROUP_LIMIT + 3, today: 1, upcoming: GROUP_LIMIT + 1 });

  const beyond = await listPlannedTasks({
    viewer: owner,
    assignee: owner.id,
    now,
    offsets: { overdue: 5 * GROUP_LIMIT, upcoming: 3 * GROUP_LIMIT },
  });
  expect(beyond.offsets).toEqual({ overdue: GROUP_LIMIT, today: 0, upcoming: GROUP_LIMIT });
  expect(beyond.overdue.map((task) => task.id)).toEqual(overdue.slice(GROUP_LIMIT));
  expect(beyond.today.map((task) => task.id)).toEqual([today]);
  expect(beyond.upcoming.map((task) => task.id)).toEqual(upcoming.slice(GROUP_LIMIT));
  expect(beyond.totals).toEqual(first.totals);
});
