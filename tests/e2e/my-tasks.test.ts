import { useServerDatabase } from "@/tests/support/database";
import { insertProcess, insertTask, insertUser } from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";
import { newContext, useBrowser } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { MyTasksPage } from "./pages/my-tasks-page";

const browser = useBrowser();
useServerDatabase();

/** A salesperson with 45 upcoming tasks (three pages of 20) and 3 overdue ones. */
async function busySalesperson(name: string) {
  const seller = await insertUser("salesperson", { name });
  const process = await insertProcess(seller.id, { status: "in_progress" });
  const task = async (at: number) =>
    (await insertTask(process.id, seller.id, { startAt: new Date(at), dueAt: new Date(at) })).id;
  const start = Date.now() + 2 * 86_400_000;
  const upcoming: number[] = [];
  for (let i = 0; i < 45; i++) upcoming.push(await task(start + i * 3_600_000));
  const overdue: number[] = [];
  for (let i = 0; i < 3; i++) overdue.push(await task(Date.now() - (i + 2) * 86_400_000));
  return { seller, upcoming, overdue: overdue.reverse() };
}

test.each([true, false])(
  "Moje zadania pages through a group of more than 20 tasks, back and forth (JavaScript: %s)",
  async (javaScriptEnabled) => {
    const { seller, upcoming, overdue } = await busySalesperson(`Paweł Pracowity ${javaScriptEnabled ? "js" : "html"}`);
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
  const { seller, upcoming } = await busySalesperson("Zofia Zapracowana");
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
