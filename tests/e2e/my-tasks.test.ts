import { ADMIN, newContext, useBrowser } from "./support/chromium";
import { useServerDb } from "./support/db-fixtures";
import { insertPlannedTask, insertProcess, insertSalesperson } from "./support/tasks-fixtures";
import { LoginPage } from "./pages/login-page";
import { MyTasksPage } from "./pages/my-tasks-page";

const browser = useBrowser();
const db = useServerDb();

/** A salesperson with 45 upcoming tasks (three pages of 20) and 3 overdue ones. */
function busySalesperson(name: string) {
  const seller = insertSalesperson(db(), name);
  const process = insertProcess(db(), seller.id, "in_progress");
  const start = Date.now() + 2 * 86_400_000;
  const upcoming = Array.from({ length: 45 }, (_, i) =>
    insertPlannedTask(db(), process.id, seller.id, { startAt: new Date(start + i * 3_600_000) }),
  );
  const overdue = Array.from({ length: 3 }, (_, i) =>
    insertPlannedTask(db(), process.id, seller.id, { startAt: new Date(Date.now() - (i + 2) * 86_400_000) }),
  );
  return { seller, upcoming, overdue: overdue.reverse() };
}

test.each([true, false])(
  "Moje zadania pages through a group of more than 20 tasks, back and forth (JavaScript: %s)",
  async (javaScriptEnabled) => {
    const { seller, upcoming, overdue } = busySalesperson(`Paweł Pracowity ${javaScriptEnabled ? "js" : "html"}`);
    const context = await newContext(browser(), { javaScriptEnabled });
    const page = await context.newPage();
    await new LoginPage(page).signInAs(seller.email, seller.password);
    const tasks = new MyTasksPage(page);
    await tasks.goto();

    await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(0, 20));
    await expect(tasks.group("upcoming").getByRole("navigation").textContent()).resolves.toContain("Zadania 1–20 z 45");
    await expect(tasks.pageLink("upcoming", "Poprzednie").count()).resolves.toBe(0);
    // A short group needs no pages, and nobody is sent to the calendar any more.
    await expect(tasks.taskIds("overdue")).resolves.toEqual(overdue);
    await expect(tasks.group("overdue").getByRole("navigation").count()).resolves.toBe(0);
    await expect(page.getByText("Pozostałe znajdziesz w kalendarzu.").count()).resolves.toBe(0);

    await tasks.turnPage("upcoming", "Następne");
    expect(new URL(page.url()).search).toBe("?nadchodzace=2");
    await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(20, 40));
    await expect(tasks.taskIds("overdue")).resolves.toEqual(overdue);

    await tasks.turnPage("upcoming", "Następne");
    await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(40));
    await expect(tasks.group("upcoming").getByRole("navigation").textContent()).resolves.toContain(
      "Zadania 41–45 z 45",
    );
    await expect(tasks.pageLink("upcoming", "Następne").count()).resolves.toBe(0);

    await tasks.turnPage("upcoming", "Poprzednie");
    await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(20, 40));
    await context.close();
  },
);

test("a manager pages through a salesperson's tasks without losing whose they are; a page past the end shows the last", async () => {
  const { seller, upcoming } = busySalesperson("Zofia Zapracowana");
  const context = await newContext(browser());
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const tasks = new MyTasksPage(page);
  await tasks.goto();
  await tasks.showFor("Zofia Zapracowana");
  await tasks.turnPage("upcoming", "Następne");
  expect(new URL(page.url()).search).toBe(`?uzytkownik=${seller.id}&nadchodzace=2`);
  await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(20, 40));

  await tasks.goto(`?uzytkownik=${seller.id}&nadchodzace=9`);
  await expect(tasks.taskIds("upcoming")).resolves.toEqual(upcoming.slice(40));
  await context.close();
});
