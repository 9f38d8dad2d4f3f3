// Two application servers (the production build, npm start's launcher twice) on one PostgreSQL database,
// with one shared uploads folder and one session secret, as behind a load balancer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { and, eq, inArray } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { closeDb, getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import { addDays, localDate } from "@/lib/time";
import { newServerDatabase, pointAtServer } from "@/tests/support/database";
import { insertProcess, insertTask, insertUser, notesOf, tasksOf, type TestUser } from "@/tests/support/fixtures";
import { startServer, stopServer, type RunningServer } from "@/tests/support/server";
import { startNginx } from "@/tests/support/nginx";
import { dropDatabase } from "@/tests/support/test-postgres";
import { launchBrowser, signedIn } from "./support/chromium";
import { AppShell } from "./pages/app-shell";
import { ProcessPanelPage } from "./pages/process-panel-page";
import { TaskFormPage } from "./pages/task-form-page";

const received: string[] = [];
let smtp: SMTPServer;
let servers: RunningServer[] = [];
let browser: Browser;
let databaseUrl = "";
const dirs: string[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (data += chunk));
      stream.on("end", () => {
        received.push(`${session.envelope.rcptTo.map((r) => r.address).join(",")}\n${data}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  databaseUrl = await newServerDatabase();
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-shared-uploads-"));
  dirs.push(uploads);
  const env = {
    NEXTAUTH_SECRET: "two-servers-one-secret-for-the-test",
    UPLOADS_DIR: uploads,
    SMTP_URL: smtpUrl,
    // Both poll often, so that their passes overlap: each job must still run once.
    REMINDER_POLL_MS: "200",
  };
  // One after the other: the first applies the migrations, the second finds them applied.
  for (const name of ["a", "b"]) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `salon-crm-server-${name}-`));
    dirs.push(dataDir);
    servers.push(await startServer({ dataDir, databaseUrl, env }));
  }
  pointAtServer({ dataDir: dirs[1], databaseUrl });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => stopServer(server)));
  servers = [];
  await closeDb();
  if (databaseUrl) await dropDatabase(databaseUrl);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const [first, second] = [() => servers[0].baseURL, () => servers[1].baseURL];

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Still waiting for ${what}`);
}

test("both servers poll for reminders: every due task gets one reminder and one e-mail", async () => {
  const sellers: TestUser[] = [];
  const taskIds: number[] = [];
  for (let i = 0; i < 6; i++) {
    const seller = await insertUser("salesperson", { email: `przypominany-${i}@salon.test` });
    sellers.push(seller);
    const { id: processId } = await insertProcess(seller.id);
    const start = new Date(Date.now() + 5 * 60_000);
    taskIds.push((await insertTask(processId, seller.id, { startAt: start, dueAt: start })).id);
  }
  const reminders = () =>
    getDb()
      .select({ taskId: notifications.taskId, emailedAt: notifications.emailedAt })
      .from(notifications)
      .where(and(inArray(notifications.taskId, taskIds), eq(notifications.kind, "reminder")));
  await waitFor("every reminder e-mailed", reminders, (rows) => rows.length === 6 && rows.every((r) => r.emailedAt));
  await waitFor(
    "six e-mails",
    async () => received.length,
    (n) => n >= 6,
  );
  // Several more passes of both servers: nothing is produced or sent again.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect((await reminders()).map((row) => row.taskId).sort((a, b) => a! - b!)).toEqual(taskIds);
  const recipients = received.map((mail) => mail.split("\n")[0]).sort();
  expect(recipients).toEqual(sellers.map((seller) => seller.email).sort());
});

test("'Wykonaj' of one task saved at once on both servers is done once; the other is told it is done", async () => {
  const admin = await insertUser("admin", { name: "Ala Dwuserwerowa" });
  const { id: processId } = await insertProcess(admin.id, { status: "in_progress" });
  const { id: taskId } = await insertTask(processId, admin.id);
  const pages = [
    await signedIn(browser, admin, { baseURL: first() }),
    await signedIn(browser, admin, { baseURL: second() }),
  ];
  const forms = pages.map((page) => new TaskFormPage(page));
  for (const [i, form] of forms.entries()) {
    await form.gotoExecution(processId, taskId);
    await form.fillNote({ initiative: "Salon", noteType: "Telefon", content: `Notatka z serwera ${i + 1}.` });
    await form.fillTask({ goal: "Kontakt telefoniczny", startDate: addDays(localDate(), 3), startTime: "10:00" });
  }
  await Promise.all(forms.map((form) => form.save()));
  const outcomes = await Promise.all(
    pages.map((page, i) =>
      Promise.race([
        page.waitForURL((url) => url.pathname === `/procesy/${processId}`).then(() => "saved"),
        forms[i]
          .message()
          .filter({ hasText: "To zadanie zostało już wykonane" })
          .waitFor()
          .then(() => "refused"),
      ]),
    ),
  );
  expect(outcomes.sort()).toEqual(["refused", "saved"]);
  const notes = await notesOf(processId);
  expect(notes).toHaveLength(1);
  expect(["Notatka z serwera 1.", "Notatka z serwera 2."]).toContain(notes[0].content);
  expect((await tasksOf(processId)).map((task) => task.state)).toEqual(["done", "planned"]);
  for (const page of pages) await page.context().close();
});

test("a save on one server shows on the other at once: the status counts and the owner's notification badge", async () => {
  const owner = await insertUser("salesperson", { name: "Olga Druga" });
  const manager = await insertUser("manager", { name: "Marek Pierwszy" });
  const { id: processId } = await insertProcess(owner.id, { status: "new" });
  const ownerPage = await signedIn(browser, owner, { baseURL: second() });
  const pill = (label: string) => ownerPage.locator("ul.status-counts .pill").filter({ hasText: `${label}: ` });
  await ownerPage.goto("/procesy");
  // The counts are kept on the second server until the data changes.
  await expect(pill("Nowy").textContent()).resolves.toBe("Nowy: 1");
  await expect(pill("W trakcie").textContent()).resolves.toBe("W trakcie: 0");
  await ownerPage.reload();
  await expect(pill("Nowy").textContent()).resolves.toBe("Nowy: 1");
  const badge = new AppShell(ownerPage).navLink("Powiadomienia").locator(".badge");
  await expect(badge.count()).resolves.toBe(0);

  // The manager works on the first server: changes the status, then leaves a note for the owner.
  const managerPage = await signedIn(browser, manager, { baseURL: first() });
  await managerPage.goto(`/procesy/${processId}`);
  await new ProcessPanelPage(managerPage).changeStatus("W trakcie");
  const form = new TaskFormPage(managerPage);
  await form.gotoPlanning(processId);
  await form.fillNote({ initiative: "Klient", noteType: "Telefon", notifyOwner: true, content: "Dzwonił klient." });
  await form.fillTask({ goal: "Jazda próbna", startDate: addDays(localDate(), 2), startTime: "11:00" });
  await form.saveAndReturn(processId);

  await ownerPage.reload();
  await expect(pill("Nowy").textContent()).resolves.toBe("Nowy: 0");
  await expect(pill("W trakcie").textContent()).resolves.toBe("W trakcie: 1");
  // The note and the task planned for the owner.
  await expect(badge.textContent()).resolves.toBe("2");
  await ownerPage.goto(`/procesy/${processId}`);
  await expect(ownerPage.getByText("Dzwonił klient.").isVisible()).resolves.toBe(true);
  await managerPage.context().close();
  await ownerPage.context().close();
});

test("behind nginx with docs/nginx.conf: requests reach both servers and a user signs in and stays signed in", async () => {
  const nginx = await startNginx(servers.map((server) => server.port));
  try {
    const user = await insertUser("salesperson", { name: "Nina Nginx" });
    const page = await signedIn(browser, user, { baseURL: nginx.url });
    const shell = new AppShell(page);
    for (const path of ["/procesy", "/zadania", "/kalendarz", "/powiadomienia"]) {
      await page.goto(path);
      expect(new URL(page.url()).pathname).toBe(path);
      await expect(shell.nav().isVisible()).resolves.toBe(true);
    }
    const log = fs.readFileSync(nginx.accessLog, "utf8").trim().split("\n");
    // The sign-in form's POST went through nginx too.
    expect(log.some((line) => line.startsWith("POST /login "))).toBe(true);
    const reached = new Set(log.flatMap((line) => line.split(" ").slice(3).join("").split(",")));
    expect([...reached].sort()).toEqual(servers.map((server) => `127.0.0.1:${server.port}`).sort());
    await page.context().close();
  } finally {
    await nginx.stop();
  }
});
