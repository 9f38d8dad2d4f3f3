import { PROCESS_STATUSES, type ProcessStatus } from "@/lib/domain";
import { canSkipNextTask, nextTaskDecision } from "@/lib/tasks/rules";

const open: ProcessStatus[] = ["new", "in_progress", "offer", "order"];
const closed: ProcessStatus[] = ["delivered", "resigned"];

test("'Nie planuj kolejnych zadań' is offered only for Wydany and w opiece (rezygnacja)", () => {
  expect(PROCESS_STATUSES.filter(canSkipNextTask)).toEqual(closed);
});

test.each(open)("an open process (%s) always gets its next task, whatever the request says", (status) => {
  expect(nextTaskDecision({ status, mode: "execute", skipNextTask: false })).toEqual({ allowed: true, planNext: true });
  expect(nextTaskDecision({ status, mode: "execute", skipNextTask: true })).toEqual({
    allowed: false,
    error: "nextTaskRequired",
  });
  expect(nextTaskDecision({ status, mode: "plan", skipNextTask: true })).toEqual({
    allowed: false,
    error: "nextTaskRequired",
  });
});

test.each(closed)("an ended process (%s) may be executed without a next task", (status) => {
  expect(nextTaskDecision({ status, mode: "execute", skipNextTask: true })).toEqual({ allowed: true, planNext: false });
  expect(nextTaskDecision({ status, mode: "execute", skipNextTask: false })).toEqual({ allowed: true, planNext: true });
  // Planning is planning: it always creates a task.
  expect(nextTaskDecision({ status, mode: "plan", skipNextTask: true })).toEqual({
    allowed: false,
    error: "nextTaskRequired",
  });
  expect(nextTaskDecision({ status, mode: "plan", skipNextTask: false })).toEqual({ allowed: true, planNext: true });
});
