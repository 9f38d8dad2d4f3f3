// One of two processes executing the same task at the same moment (tests/integration/task-concurrency.test.ts).
import "./stub-server-only";
import readline from "node:readline";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { executeTask } from "@/lib/tasks/mutations";
import { taskFormSchema } from "@/lib/tasks/schema";

const [taskId, userId, content] = process.argv.slice(2);

async function main() {
  // Loaded before the signal, like a request's session user: the save itself is the only thing left.
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(users.id, Number(userId)));
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
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once("line", resolve));
  try {
    await executeTask({ user, taskId: Number(taskId), form });
    console.log(JSON.stringify({ ok: true }));
  } catch (error) {
    console.log(
      JSON.stringify({ ok: false, userError: error instanceof UserError, message: (error as Error).message }),
    );
  }
  closeDb();
  process.exit(0);
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, userError: false, message: String(error) }));
  process.exit(1);
});
