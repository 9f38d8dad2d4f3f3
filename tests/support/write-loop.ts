// A writer for the backup test: through the app's data layer (DATA_DIR), one transaction after another,
// each a user and a notification for that user; prints "committed N" after transaction N commits. Stops
// on SIGTERM, when its stdin closes (the test is gone), or after WRITE_LOOP_MAX transactions.
import { closeDb, transaction } from "@/db/client";
import { notifications, users } from "@/db/schema";

const max = Number(process.env.WRITE_LOOP_MAX || 200_000);
let stopping = false;
process.on("SIGTERM", () => (stopping = true));
process.stdin.on("end", () => (stopping = true));
process.stdin.resume();

async function main() {
  for (let i = 1; i <= max && !stopping; i++) {
    await transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: `Piszący ${i}`, email: `writer-${i}@load.test`, passwordHash: "x", role: "salesperson" })
        .returning({ id: users.id });
      await tx.insert(notifications).values({ userId: user.id, kind: "assigned", message: `Zapis ${i}` });
    });
    process.stdout.write(`committed ${i}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  closeDb();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
