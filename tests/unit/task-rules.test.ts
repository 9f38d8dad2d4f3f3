import { PROCESS_STATUSES, type ProcessStatus } from "@/lib/domain";
import { canSkipNextTask, nextTaskDecision } from "@/lib/tasks/rules";

const open: ProcessStatus[] = ["new", "in_progress", "offer", "order"];
const closed: ProcessStatus[] = ["delivered", "resigned"];

test("'Nie planuj kolejnych zadań' is offered only for Wydany and w opiece (rezygnacja)", () => {
  expect(PROCESS_STATUSES.filter(canSkipNextTask)).toEqual(closed);
});

test.each(open)("an open process (%s) always gets its next task, whatever the request says", (status) => {
  expect(nextTaskDecision({ status, skipNextTask: false })).toEqual({ allowed: true, planNext: true });
  expect(nextTaskDecision({ status, skipNextTask: true })).toEqual({ allowed: false, error: "nextTaskRequired" });
});

test.each(closed)("on an ended process (%s) a note may be saved without a next task, or with one", (status) => {
  // The same rule for "Planowanie zadań" and "Wykonanie zadania": the obligation ends with the sales work.
  expect(nextTaskDecision({ status, skipNextTask: true })).toEqual({ allowed: true, planNext: false });
  expect(nextTaskDecision({ status, skipNextTask: false })).toEqual({ allowed: true, planNext: true });
});
