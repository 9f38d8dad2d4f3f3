// One of many processes saving "Planowanie zadań" at the same moment (tests/integration/car-booking-concurrency.test.ts).
import "./stub-server-only";
import readline from "node:readline";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { planNextContact } from "@/lib/tasks/mutations";
import { taskFormSchema } from "@/lib/tasks/schema";

const [processId, userId, fields] = process.argv.slice(2);

async function main() {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(users.id, Number(userId)));
  const form = taskFormSchema.parse({
    submissionId: `child-${process.pid}-${Math.random().toString(36).slice(2)}`,
    initiative: "dealer",
    noteType: "phone",
    content: `Notatka procesu ${processId}`,
    goal: "test_drive",
    fileTokens: [],
    ...(JSON.parse(fields) as Record<string, string>),
  });
  console.log("ready");
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once("line", resolve));
  try {
    await planNextContact({ user, processId: Number(processId), form });
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
