import { transaction } from "@/db/client";
import { notes } from "@/db/schema";
import { cachedActivityByUser } from "@/lib/stats/cache";
import { useTestDatabase } from "../support/database";
import { insertNote, insertProcess, insertUser } from "../support/fixtures";

// PostgreSQL only: ids come from a sequence when a row is written, so a row with a lower id may commit
// after one with a higher id (SQLite's one writer commits in the order of its ids).

useTestDatabase();

test("a note whose lower id commits after a higher one still changes the cached statistics", async () => {
  const manager = await insertUser("manager");
  const seller = await insertUser("salesperson");
  const { id: processId } = await insertProcess(seller.id);
  const period = { start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 86_400_000) };
  const notesOfSeller = async () =>
    (await cachedActivityByUser({ viewer: manager, period })).find((row) => row.userId === seller.id)!.notes;
  const note = { processId, authorId: seller.id, initiative: "dealer", type: "phone", content: "Rozmowa" } as const;

  let commit!: () => void;
  const held = new Promise<void>((resolve) => (commit = resolve));
  let written!: () => void;
  const insertedFirst = new Promise<void>((resolve) => (written = resolve));
  const slow = transaction(async (tx) => {
    await tx.insert(notes).values(note);
    written();
    await held;
  });
  await insertedFirst;
  const later = await insertNote(processId, seller.id, { notifyOwner: false });
  expect(await notesOfSeller()).toBe(1); // the later note only: the earlier one is not committed yet
  commit();
  await slow;
  expect(await notesOfSeller()).toBe(2);
  expect(later.id).toBeGreaterThan(1);
});
