// A writer for the backup test: through the app's DB layer, one transaction after another, each a user
// and a notification for that user; prints "committed N" after transaction N commits. Stops on SIGTERM,
// when its stdin closes (the test is gone), or after WRITE_LOOP_MAX transactions.
import { openDatabase } from "@/db/client";
import { notifications, users } from "@/db/schema";

const db = openDatabase(process.env.WRITE_LOOP_DB!);
const max = Number(process.env.WRITE_LOOP_MAX || 200_000);
let stopping = false;
process.on("SIGTERM", () => (stopping = true));
process.stdin.on("end", () => (stopping = true));
process.stdin.resume();

async function main() {
  for (let i = 1; i <= max && !stopping; i++) {
    db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({ name: `Piszący ${i}`, email: `writer-${i}@load.test`, passwordHash: "x", role: "salesperson" })
        .returning({ id: users.id })
        .get();
      tx.insert(notifications)
        .values({ userId: user.id, kind: "assigned", message: `Zapis ${i}` })
        .run();
    });
    process.stdout.write(`committed ${i}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  db.$client.close();
}

main().then(() => process.exit(0));
