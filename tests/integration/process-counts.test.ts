import { changeStatus } from "@/lib/processes/mutations";
import { listProcesses } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertUser, type TestUser } from "../support/fixtures";

useTestDatabase();

test("counts per status in the list follow every change, though they are kept between requests", async () => {
  const manager = await insertUser("manager");
  const seller = await insertUser("salesperson");
  const customer = { firstName: "Ala", lastName: "Liczona" };
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push((await insertProcess(seller.id, { customer })).id);
  const counts = async (user: TestUser = manager) =>
    (await listProcesses({ user, filters: parseListFilters({}) }))!.counts;

  expect(await counts()).toMatchObject({ new: 3, in_progress: 0 });
  await changeStatus({ user: manager, processId: ids[0], status: "in_progress" });
  expect(await counts()).toMatchObject({ new: 2, in_progress: 1 });
  await changeStatus({ user: seller, processId: ids[1], status: "resigned", reason: "Kupił gdzie indziej" });
  expect(await counts()).toMatchObject({ new: 1, in_progress: 1, resigned: 1 });
  // A salesperson's counts are their own, cached apart from the manager's.
  const other = await insertUser("salesperson");
  expect(await counts(other)).toMatchObject({ new: 0, in_progress: 0, resigned: 0 });
  expect(await counts(seller)).toMatchObject({ new: 1, in_progress: 1, resigned: 1 });
});
