import { changeStatus } from "@/lib/processes/mutations";
import { listProcesses } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { insertUser, useTestDatabase } from "./helpers";

const db = useTestDatabase();

test("counts per status in the list follow every change, though they are kept between requests", () => {
  const manager = insertUser("manager");
  const seller = insertUser("salesperson");
  const customer = db()
    .$client.prepare("insert into customers (first_name, last_name) values ('Ala', 'Liczona')")
    .run().lastInsertRowid;
  const insert = db().$client.prepare(
    "insert into processes (customer_id, source, owner_id, status) values (?, 'showroom', ?, 'new')",
  );
  const ids = [1, 2, 3].map(() => Number(insert.run(customer, seller.id).lastInsertRowid));
  const counts = (user = manager) => listProcesses({ user, filters: parseListFilters({}) })!.counts;

  expect(counts()).toMatchObject({ new: 3, in_progress: 0 });
  changeStatus({ user: manager, processId: ids[0], status: "in_progress" });
  expect(counts()).toMatchObject({ new: 2, in_progress: 1 });
  changeStatus({ user: seller, processId: ids[1], status: "resigned", reason: "Kupił gdzie indziej" });
  expect(counts()).toMatchObject({ new: 1, in_progress: 1, resigned: 1 });
  // A salesperson's counts are their own, cached apart from the manager's.
  const other = insertUser("salesperson");
  expect(counts(other)).toMatchObject({ new: 0, in_progress: 0, resigned: 0 });
  expect(counts(seller)).toMatchObject({ new: 1, in_progress: 1, resigned: 1 });
});
