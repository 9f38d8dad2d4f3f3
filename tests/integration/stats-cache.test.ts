import { cachedActivityByUser } from "@/lib/stats/cache";
import { useTestDatabase } from "../support/database";
import { insertNote, insertProcess, insertUser } from "../support/fixtures";

useTestDatabase();

test("cached statistics are reused until the data changes, then recomputed", async () => {
  const manager = await insertUser("manager");
  const seller = await insertUser("salesperson");
  const { id: processId } = await insertProcess(seller.id, { customer: { firstName: "Jan", lastName: "Klient" } });
  const period = { start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 86_400_000) };
  const addNote = () => insertNote(processId, seller.id, { content: "Rozmowa", notifyOwner: false });
  const activityOf = async () =>
    (await cachedActivityByUser({ viewer: manager, period })).find((row) => row.userId === seller.id)!.notes;

  await addNote();
  const first = await cachedActivityByUser({ viewer: manager, period });
  expect(await activityOf()).toBe(1);
  expect(await cachedActivityByUser({ viewer: manager, period })).toBe(first);

  await addNote();
  expect(await activityOf()).toBe(2);
  expect(await cachedActivityByUser({ viewer: manager, period })).not.toBe(first);
  // Another viewer's scope is its own entry: the salesperson sees only their row.
  expect((await cachedActivityByUser({ viewer: seller, period })).map((row) => row.userId)).toEqual([seller.id]);
});
