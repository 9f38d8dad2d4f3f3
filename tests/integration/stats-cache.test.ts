import { notes } from "@/db/schema";
import { cachedActivityByUser } from "@/lib/stats/cache";
import { insertUser, useTestDatabase } from "./helpers";

const db = useTestDatabase();

test("cached statistics are reused until the data changes, then recomputed", () => {
  const manager = insertUser("manager");
  const seller = insertUser("salesperson");
  const owner = db()
    .$client.prepare("insert into customers (first_name, last_name) values ('Jan', 'Klient')")
    .run().lastInsertRowid;
  const processId = Number(
    db()
      .$client.prepare("insert into processes (customer_id, source, owner_id) values (?, 'showroom', ?)")
      .run(owner, seller.id).lastInsertRowid,
  );
  const period = { start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 86_400_000) };
  const addNote = () =>
    db()
      .insert(notes)
      .values({ processId, authorId: seller.id, initiative: "customer", type: "phone", content: "Rozmowa" })
      .run();
  const activityOf = () =>
    cachedActivityByUser({ viewer: manager, period }).find((row) => row.userId === seller.id)!.notes;

  addNote();
  const first = cachedActivityByUser({ viewer: manager, period });
  expect(activityOf()).toBe(1);
  expect(cachedActivityByUser({ viewer: manager, period })).toBe(first);

  addNote();
  expect(activityOf()).toBe(2);
  expect(cachedActivityByUser({ viewer: manager, period })).not.toBe(first);
  // Another viewer's scope is its own entry: the salesperson sees only their row.
  expect(cachedActivityByUser({ viewer: seller, period }).map((row) => row.userId)).toEqual([seller.id]);
});
