// One of many processes moving a task ("Zmień termin") at the same moment (tests/integration/car-booking-concurrency.test.ts).
import "./stub-server-only";
import readline from "node:readline";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { moveTask } from "@/lib/tasks/changes";
import { taskTimeSchema } from "@/lib/tasks/schema";

const [taskId, userId, fields] = process.argv.slice(2);

async function main() {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(users.id, Number(userId)));
  const time = taskTimeSchema.parse(JSON.parse(fields));
  console.log("ready");
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once("line", resolve));
  try {
    await moveTask({ user, taskId: Number(taskId), time });
    console.log(JSON.stringify({ ok: true }));
  } catch (error) {
    const fieldErrors = error instanceof UserError ? error.fieldErrors : undefined;
    console.log(
      JSON.stringify({
        ok: false,
        userError: error instanceof UserError,
        message: (error as Error).message,
        fieldErrors,
      }),
    );
  }
  await closeDb();
  process.exit(0);
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, userError: false, message: String(error) }));
  process.exit(1);
});
