// One of two processes executing the same task at the same moment (tests/integration/task-execution.test.ts).
import "./stub-server-only";
import readline from "node:readline";
import { getDb } from "@/db/client";
import { UserError } from "@/lib/actions/errors";
import { executeTask } from "@/lib/tasks/mutations";
import { taskFormSchema } from "@/lib/tasks/schema";

const [taskId, userId, content] = process.argv.slice(2);
getDb();
const form = taskFormSchema.parse({
  submissionId: `child-${process.pid}-${Math.random().toString(36).slice(2)}`,
  initiative: "dealer",
  noteType: "phone",
  content,
  goal: "phone_contact",
  startDate: "2026-12-10",
  startTime: "10:00",
  fileTokens: [],
});
console.log("ready");
readline.createInterface({ input: process.stdin }).once("line", () => {
  try {
    executeTask({ user: { id: Number(userId), name: "Test" }, taskId: Number(taskId), form });
    console.log(JSON.stringify({ ok: true }));
  } catch (error) {
    console.log(
      JSON.stringify({ ok: false, userError: error instanceof UserError, message: (error as Error).message }),
    );
  }
  process.exit(0);
});
