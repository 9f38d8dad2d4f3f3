import { z } from "zod";
import { INITIATIVES, NOTE_TYPES, TASK_GOALS, type TaskGoal } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { isCalendarDate, isClockTime, startOfLocalDay, zonedInstant } from "@/lib/time";
import { checkbox, choice, optionalText, requiredText } from "@/lib/validation";
import { NOTE_MAX, REMIND_ABOUT_MAX } from "./limits";

export { NOTE_MAX, REMIND_ABOUT_MAX };

export const DEFAULT_DURATION_MS = 30 * 60_000;

const v = t.common.validation;
const tv = t.tasks.validation;
const fl = t.fleet;

/** An optional id from a select ("" is none). */
const optionalId = () =>
  z
    .string()
    .trim()
    .max(16, v.invalidChoice)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) {
        ctx.addIssue({ code: "custom", message: v.invalidChoice });
        return z.NEVER;
      }
      return Number(value);
    });

/** Kilometres as typed: digits only (spaces allowed between thousands). */
const mileage = () =>
  z
    .string()
    .trim()
    .max(20, fl.mileageNumber)
    .optional()
    .transform((value, ctx) => {
      const digits = value?.replace(/[\s\u00a0]/g, "");
      if (!digits) return undefined;
      if (!/^\d{1,7}$/.test(digits)) {
        ctx.addIssue({ code: "custom", message: fl.mileageNumber });
        return z.NEVER;
      }
      return Number(digits);
    });

/** "Numer prawa jazdy" (Polish ones read like 01234/12/1234): upper case, without extra spaces. */
const licenceNumber = () =>
  z
    .string()
    .trim()
    .max(30, v.tooLong(30))
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const normalized = value.replace(/\s+/g, " ").toUpperCase();
      if (!/^[A-Z0-9][A-Z0-9 /-]*$/.test(normalized)) {
        ctx.addIssue({ code: "custom", message: fl.licenceInvalid });
        return z.NEVER;
      }
      return normalized;
    });

/** The next task as it is stored: all-day tasks by their local date, timed ones by their instants. */
export type PlannedTask = {
  goal: TaskGoal;
  remindAbout: string | null;
  allDay: boolean;
  dueDate: string | null;
  startAt: Date | null;
  endAt: Date | null;
  dueAt: Date;
};

/** A select that must be chosen: empty says "required", anything unknown says "choose an option". */
const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string({ error: v.required }).min(1, v.required).pipe(choice(values));

const rawText = (max: number) => z.string().trim().max(max, v.tooLong(max)).optional().default("");

/** "Data rozpoczęcia" … "Godzina zakończenia": checked together by `taskTime`. */
const timeFields = {
  startDate: rawText(20),
  startTime: rawText(10),
  allDay: checkbox(),
  endDate: rawText(20),
  endTime: rawText(10),
};

/**
 * The note + task form ("Planowanie zadań" and "Wykonanie zadania"). FormData is strings: the task
 * part is checked here and turned into a `PlannedTask`, unless "Nie planuj kolejnych zadań" is ticked
 * (whether that is allowed is the rule's business, lib/tasks/rules.ts). An all-day task ignores the
 * time fields entirely, whatever they contain.
 */
export const taskFormSchema = z
  .object({
    submissionId: z.string().trim().min(16, v.invalid).max(64, v.invalid),
    initiative: requiredChoice(INITIATIVES),
    noteType: requiredChoice(NOTE_TYPES),
    notifyOwner: checkbox(),
    content: requiredText(NOTE_MAX),
    skipNextTask: checkbox(),
    goal: rawText(40),
    remindAbout: optionalText(REMIND_ABOUT_MAX),
    ...timeFields,
    // Tokens are randomToken()'s: anything else names no staged file.
    fileTokens: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[\w-]{1,64}$/, t.tasks.validation.fileMissing),
      )
      .max(50)
      .default([]),
    carId: optionalId(),
    licenceNumber: licenceNumber(),
    mileageBefore: mileage(),
    mileageAfter: mileage(),
  })
  .refine(
    ({ mileageBefore: before, mileageAfter: after }) =>
      typeof before !== "number" || typeof after !== "number" || after >= before,
    { path: ["mileageAfter"], message: fl.mileageAfterBeforeBefore, when: () => true },
  )
  // The task part is checked even when the note part failed, so every error shows at once.
  .superRefine(
    (form, ctx) => void plannedTask(form, (path, message) => ctx.addIssue({ code: "custom", path: [path], message })),
    { when: () => true },
  )
  .transform((form) => {
    const note = {
      initiative: form.initiative,
      type: form.noteType,
      content: form.content,
      notifyOwner: form.notifyOwner,
    };
    const base = {
      submissionId: form.submissionId,
      note,
      skipNextTask: form.skipNextTask,
      fileTokens: [...new Set(form.fileTokens)],
      // What the execution of a test drive writes down (kept only when the task booked a car).
      testDrive: {
        licenceNumber: form.licenceNumber ?? null,
        mileageBefore: form.mileageBefore ?? null,
        mileageAfter: form.mileageAfter ?? null,
      },
    };
    if (form.skipNextTask) return { ...base, task: null, carId: null, fileTokens: [] };
    const task = plannedTask(form, () => {}) as PlannedTask;
    // "Samochód demo" counts only for a test drive: without JavaScript it is sent with any goal.
    return { ...base, task, carId: task.goal === "test_drive" ? (form.carId ?? null) : null };
  });

type TaskFields = {
  skipNextTask?: unknown;
  goal?: unknown;
  remindAbout?: unknown;
  startDate?: unknown;
  startTime?: unknown;
  allDay?: unknown;
  endDate?: unknown;
  endTime?: unknown;
};

const str = (value: unknown) => (typeof value === "string" ? value : "");

/** The next task the fields describe, or null (reporting why through `issue`); null too when skipped. */
function plannedTask(raw: TaskFields, issue: Issue): PlannedTask | null {
  if (raw.skipNextTask === true) return null;
  const form = {
    goal: str(raw.goal),
    startDate: str(raw.startDate),
    startTime: str(raw.startTime),
    endDate: str(raw.endDate),
    endTime: str(raw.endTime),
  };
  const goal = choice(TASK_GOALS).safeParse(form.goal);
  if (!form.goal) issue("goal", v.required);
  else if (!goal.success) issue("goal", v.invalidChoice);

  const time = taskTime({ ...form, allDay: raw.allDay === true }, issue);
  if (!goal.success || !time) return null;
  return { goal: goal.data, remindAbout: typeof raw.remindAbout === "string" ? raw.remindAbout : null, ...time };
}

type Issue = (path: string, message: string) => void;

/** When a task happens, as it is stored: the planning form's and "Zmień termin"'s one rule. */
export type TaskTime = Pick<PlannedTask, "allDay" | "dueDate" | "startAt" | "endAt" | "dueAt">;

type TimeFields = { startDate: string; startTime: string; allDay: boolean; endDate: string; endTime: string };

/** The time the fields describe, or null (reporting why through `issue`). An all-day task ignores the clock fields. */
function taskTime(form: TimeFields, issue: Issue): TaskTime | null {
  if (!form.startDate) issue("startDate", v.required);
  else if (!isCalendarDate(form.startDate)) issue("startDate", tv.invalidDate);
  else if (form.allDay) {
    const dueDate = form.startDate;
    return { allDay: true, dueDate, startAt: null, endAt: null, dueAt: startOfLocalDay(dueDate) };
  }
  if (form.allDay) return null;
  const start = startInstant(form.startDate, form.startTime, issue);
  const end = start ? endInstant(form, start, issue) : null;
  return start && end ? { allDay: false, dueDate: null, startAt: start, endAt: end, dueAt: start } : null;
}

/** The time the form's fields describe (as a test drive), or null while they are incomplete or wrong. */
export function plannedTime(raw: Omit<TaskFields, "goal" | "skipNextTask">): PlannedTask | null {
  return plannedTask({ ...raw, goal: "test_drive" }, () => {});
}

function startInstant(date: string, time: string, issue: Issue): Date | null {
  if (!time) issue("startTime", v.required);
  else if (!isClockTime(time)) issue("startTime", tv.invalidTime);
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const start = zonedInstant(date, time);
  if (!start) issue("startTime", tv.nonexistentTime);
  return start;
}

function endInstant(
  form: { startDate: string; endDate: string; endTime: string },
  start: Date,
  issue: Issue,
): Date | null {
  if (!form.endDate && !form.endTime) return new Date(start.getTime() + DEFAULT_DURATION_MS);
  const endDate = form.endDate || form.startDate;
  if (!isCalendarDate(endDate)) return (issue("endDate", tv.invalidDate), null);
  if (!form.endTime) return (issue("endTime", tv.endTimeMissing), null);
  if (!isClockTime(form.endTime)) return (issue("endTime", tv.invalidTime), null);
  const end = zonedInstant(endDate, form.endTime);
  if (!end) return (issue("endTime", tv.nonexistentTime), null);
  if (end < start) return (issue("endTime", tv.endBeforeStart), null);
  return end;
}

export type TaskForm = z.output<typeof taskFormSchema>;

/** "Zmień termin": a planned task's new time, by the same rules as the planning form's task part. */
export const taskTimeSchema = z
  .object(timeFields)
  .superRefine(
    (form, ctx) => void taskTime(form, (path, message) => ctx.addIssue({ code: "custom", path: [path], message })),
  )
  .transform((form) => taskTime(form, () => {}) as TaskTime);

/** The form's field names, for the client and the tests. */
export const TASK_FORM_ARRAYS = ["fileTokens"] as const;
