import { z } from "zod";
import { taskFormSchema, taskTimeSchema } from "@/lib/tasks/schema";

// Every expectation is a fixed UTC instant: the results must not depend on the machine's TZ
// (this file runs under TZ=UTC and TZ=Europe/Warsaw, see tests/unit/task-schema-zones.test.ts).
const base = {
  submissionId: "abcdefghijklmnopqrstuv",
  initiative: "customer",
  noteType: "phone",
  content: "Klient zadzwonił w sprawie jazdy próbnej.",
  goal: "test_drive",
  startDate: "2026-12-03",
  startTime: "10:00",
  fileTokens: [],
};

function parse(input: Record<string, unknown>) {
  return taskFormSchema.safeParse(input);
}

function errors(input: Record<string, unknown>) {
  const result = parse(input);
  if (result.success) throw new Error("expected errors");
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}

test("a timed task without an end lasts 30 minutes, in Warsaw time", () => {
  const result = parse(base);
  expect(result.success).toBe(true);
  const task = result.data!.task!;
  expect(task.allDay).toBe(false);
  expect(task.startAt!.toISOString()).toBe("2026-12-03T09:00:00.000Z");
  expect(task.endAt!.toISOString()).toBe("2026-12-03T09:30:00.000Z");
  expect(task.dueAt).toEqual(task.startAt);
  expect(result.data!.note).toEqual({
    initiative: "customer",
    type: "phone",
    content: base.content,
    notifyOwner: false,
  });
});

test("summer time: 10:00 in July is 08:00 UTC", () => {
  const task = parse({ ...base, startDate: "2026-07-01", endDate: "2026-07-01", endTime: "11:15" }).data!.task!;
  expect(task.startAt!.toISOString()).toBe("2026-07-01T08:00:00.000Z");
  expect(task.endAt!.toISOString()).toBe("2026-07-01T09:15:00.000Z");
});

test("required fields and note length", () => {
  const fieldErrors = errors({ submissionId: base.submissionId, content: "  ", fileTokens: [] });
  for (const field of ["initiative", "noteType", "content", "goal", "startDate", "startTime"])
    expect(fieldErrors[field]).toEqual(["To pole jest wymagane."]);
  expect(errors({ ...base, content: "x".repeat(5001) }).content).toEqual(["Maksymalnie 5000 znaków."]);
  expect(parse({ ...base, content: "x".repeat(5000) }).success).toBe(true);
  expect(errors({ ...base, goal: "coffee" }).goal).toEqual(["Wybierz jedną z dostępnych opcji."]);
});

test("2026-02-30 is not a date", () => {
  expect(errors({ ...base, startDate: "2026-02-30" }).startDate).toEqual(["Podaj prawdziwą datę (RRRR-MM-DD)."]);
  expect(errors({ ...base, endDate: "2026-13-01", endTime: "10:00" }).endDate).toEqual([
    "Podaj prawdziwą datę (RRRR-MM-DD).",
  ]);
  expect(parse({ ...base, startDate: "2028-02-29" }).success).toBe(true);
});

test("DST spring forward: 02:30 on 2026-03-29 does not exist in Warsaw", () => {
  expect(errors({ ...base, startDate: "2026-03-29", startTime: "02:30" }).startTime).toEqual([
    "Ta godzina nie istnieje tego dnia (zmiana czasu na letni). Wybierz inną.",
  ]);
  expect(errors({ ...base, startDate: "2026-03-29", startTime: "01:30", endTime: "02:15" }).endTime).toEqual([
    "Ta godzina nie istnieje tego dnia (zmiana czasu na letni). Wybierz inną.",
  ]);
  const task = parse({ ...base, startDate: "2026-03-29", startTime: "01:30", endTime: "03:00" }).data!.task!;
  expect(task.startAt!.toISOString()).toBe("2026-03-29T00:30:00.000Z");
  // 01:30 CET to 03:00 CEST is half an hour.
  expect(task.endAt!.toISOString()).toBe("2026-03-29T01:00:00.000Z");
});

test("DST fall back: 02:30 on 2026-10-25 happens twice and means the first one", () => {
  const task = parse({ ...base, startDate: "2026-10-25", startTime: "02:30" }).data!.task!;
  expect(task.startAt!.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  expect(task.endAt!.toISOString()).toBe("2026-10-25T01:00:00.000Z");
});

test("an end before the start is an error; an end equal to the start is not", () => {
  expect(errors({ ...base, endDate: "2026-12-03", endTime: "09:59" }).endTime).toEqual([
    "Zakończenie nie może być wcześniejsze niż rozpoczęcie.",
  ]);
  expect(errors({ ...base, endDate: "2026-12-02", endTime: "11:00" }).endTime).toEqual([
    "Zakończenie nie może być wcześniejsze niż rozpoczęcie.",
  ]);
  expect(parse({ ...base, endTime: "10:00" }).data!.task!.endAt!.toISOString()).toBe("2026-12-03T09:00:00.000Z");
  expect(errors({ ...base, endDate: "2026-12-04" }).endTime).toEqual(["Podaj godzinę zakończenia."]);
  expect(parse({ ...base, endDate: "2026-12-04", endTime: "08:00" }).data!.task!.endAt!.toISOString()).toBe(
    "2026-12-04T07:00:00.000Z",
  );
});

test("an all-day task ignores the time fields entirely, even invalid ones", () => {
  const result = parse({ ...base, allDay: "on", startTime: "25:99", endDate: "2026-02-30", endTime: "nonsense" });
  expect(result.success).toBe(true);
  const task = result.data!.task!;
  expect(task).toMatchObject({ allDay: true, dueDate: "2026-12-03", startAt: null, endAt: null });
  // Local midnight in Warsaw.
  expect(task.dueAt.toISOString()).toBe("2026-12-02T23:00:00.000Z");
  expect(parse({ ...base, allDay: "on", startDate: "2026-03-29" }).data!.task!.dueAt.toISOString()).toBe(
    "2026-03-28T23:00:00.000Z",
  );
  expect(errors({ ...base, allDay: "on", startDate: "2026-02-30" }).startDate).toEqual([
    "Podaj prawdziwą datę (RRRR-MM-DD).",
  ]);
});

test("with 'Nie planuj kolejnych zadań' the task fields are ignored", () => {
  const result = parse({ ...base, skipNextTask: "on", goal: "", startDate: "bad", fileTokens: ["abc"] });
  expect(result.success).toBe(true);
  expect(result.data!.task).toBeNull();
  expect(result.data!.skipNextTask).toBe(true);
  expect(result.data!.fileTokens).toEqual([]);
});

test("checkboxes, optional text and repeated tokens", () => {
  const data = parse({
    ...base,
    notifyOwner: "on",
    remindAbout: "  zabrać dowód rejestracyjny ",
    fileTokens: ["a1", "a1", "b2"],
  }).data!;
  expect(data.note.notifyOwner).toBe(true);
  expect(data.task!.remindAbout).toBe("zabrać dowód rejestracyjny");
  expect(data.fileTokens).toEqual(["a1", "b2"]);
  expect(parse({ ...base, remindAbout: "" }).data!.task!.remindAbout).toBeNull();
  expect(errors({ ...base, remindAbout: "x".repeat(501) }).remindAbout).toEqual(["Maksymalnie 500 znaków."]);
  expect(errors({ ...base, submissionId: "" }).submissionId).toEqual(["Nieprawidłowa wartość."]);
});

describe("taskTimeSchema (Zmień termin): the planning form's time rules", () => {
  const errors = (fields: Record<string, string>) => {
    const result = taskTimeSchema.safeParse(fields);
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  };

  test("a timed task: without an end it lasts 30 minutes; an end before the start is an error next to it", () => {
    expect(taskTimeSchema.parse({ startDate: "2026-12-10", startTime: "10:00" })).toEqual({
      allDay: false,
      dueDate: null,
      startAt: new Date("2026-12-10T09:00:00Z"),
      endAt: new Date("2026-12-10T09:30:00Z"),
      dueAt: new Date("2026-12-10T09:00:00Z"),
    });
    expect(errors({ startDate: "2026-12-10", startTime: "10:00", endTime: "09:00" })).toEqual({
      endTime: ["Zakończenie nie może być wcześniejsze niż rozpoczęcie."],
    });
    expect(errors({ startDate: "2026-02-30", startTime: "" })).toEqual({
      startDate: ["Podaj prawdziwą datę (RRRR-MM-DD)."],
      startTime: ["To pole jest wymagane."],
    });
    expect(errors({ startDate: "2026-03-29", startTime: "02:30" })).toEqual({
      startTime: ["Ta godzina nie istnieje tego dnia (zmiana czasu na letni). Wybierz inną."],
    });
  });

  test("an all-day task keeps its date and ignores the clock fields, whatever they hold", () => {
    expect(taskTimeSchema.parse({ startDate: "2026-12-10", allDay: "on", startTime: "xx", endTime: "25:00" })).toEqual({
      allDay: true,
      dueDate: "2026-12-10",
      startAt: null,
      endAt: null,
      dueAt: new Date("2026-12-09T23:00:00Z"),
    });
    expect(errors({ allDay: "on" })).toEqual({ startDate: ["To pole jest wymagane."] });
  });
});
