import { and, eq } from "drizzle-orm";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { AddressInfo } from "node:net";
import { transaction } from "@/db/client";
import { notifications } from "@/db/schema";
import { config } from "@/lib/config";
import { closeMailer, emailRetryDelayMs, sendPendingEmails } from "@/lib/mail/mailer";
import { notify, type NewNotification } from "@/lib/notifications/notify";
import { runBackgroundPass, sendEmailsInBackground } from "@/lib/notifications/worker";
import { zonedInstant } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertTimedTask, insertUser } from "../support/fixtures";

const db = useTestDatabase();

/** A notification stored the way every mutation stores one: in its own transaction. */
const notifyNow = (notification: NewNotification) => transaction((tx) => notify(tx, notification));

async function notificationOf(userId: number) {
  const [row] = await db().select().from(notifications).where(eq(notifications.userId, userId));
  return row;
}

type Received = { from: string; to: string[]; data: string };
let received: Received[] = [];
let rejectAll = false;
const rejected = new Set<string>();
let server: SMTPServer;
let smtpUrl = "";

beforeAll(async () => {
  process.env.PUBLIC_URL = "https://crm.salon.test";
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const refuse = rejectAll || rejected.has(_address.address);
      callback(refuse ? Object.assign(new Error("Mailbox unavailable"), { responseCode: 450 }) : undefined);
    },
    onData(stream, session, callback) {
      let data = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (data += chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  closeMailer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  received = [];
  rejectAll = false;
  rejected.clear();
  await transaction((tx) => tx.update(notifications).set({ emailedAt: new Date() }));
});

const decode = (data: string) =>
  data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

test("a notification is e-mailed once to its recipient, in Polish, with a link to the process", async () => {
  const owner = await insertUser("salesperson", { email: "ola@salon.test" });
  const manager = await insertUser("manager");
  const proc = await insertProcess(owner.id);
  await notifyNow({
    userId: owner.id,
    actorId: manager.id,
    kind: "note",
    message: "Kierownik dodał notatkę do procesu Jan Kowalski.",
    processId: proc.id,
  });

  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 1, failed: 0 });
  expect(received).toHaveLength(1);
  expect(received[0].to).toEqual(["ola@salon.test"]);
  const body = Buffer.from(decode(received[0].data), "latin1").toString("utf8");
  expect(body).toContain("Kierownik dodał notatkę do procesu Jan Kowalski.");
  expect(body).toContain(`https://crm.salon.test/procesy/${proc.id}`);
  expect(received[0].data).toMatch(/Content-Type: text\/plain/i);

  expect((await notificationOf(owner.id)).emailedAt).toBeInstanceOf(Date);
  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 0, failed: 0 });
  expect(received).toHaveLength(1);
});

test("without SMTP_URL nothing is sent and nothing is marked", async () => {
  const owner = await insertUser("salesperson");
  await notifyNow({ userId: owner.id, kind: "assigned", message: "Przypisano Ci proces." });
  await expect(sendPendingEmails({ smtpUrl: "" })).resolves.toEqual({ sent: 0, failed: 0 });
  expect(received).toHaveLength(0);
  expect((await notificationOf(owner.id)).emailedAt).toBeNull();
});

test("a failed send is retried on the next pass, not lost and not fatal", async () => {
  const owner = await insertUser("salesperson", { email: "retry@salon.test" });
  await notifyNow({
    userId: owner.id,
    kind: "reminder",
    message: "Przypomnienie: Kontakt telefoniczny — Jan Kowalski.",
  });
  rejectAll = true;
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 0, failed: 1 });
  expect(log).toHaveBeenCalled();
  log.mockRestore();
  expect((await notificationOf(owner.id)).emailedAt).toBeNull();

  rejectAll = false;
  // Not before its next attempt is due.
  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 0, failed: 0 });
  const later = new Date(Date.now() + emailRetryDelayMs(1));
  await expect(sendPendingEmails({ smtpUrl, now: later })).resolves.toEqual({ sent: 1, failed: 0 });
  expect(received.map((m) => m.to)).toEqual([["retry@salon.test"]]);
});

test("an unreachable server is logged and retried later", async () => {
  const owner = await insertUser("salesperson");
  await notifyNow({ userId: owner.id, kind: "reminder", message: "Przypomnienie." });
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  await expect(sendPendingEmails({ smtpUrl: "smtp://127.0.0.1:1" })).resolves.toEqual({ sent: 0, failed: 1 });
  log.mockRestore();
  expect((await notificationOf(owner.id)).emailedAt).toBeNull();
});

test("notifications older than a day are not e-mailed (no flood once SMTP is configured)", async () => {
  const owner = await insertUser("salesperson");
  await notifyNow({
    userId: owner.id,
    kind: "note",
    message: "Stara notatka.",
    at: new Date(Date.now() - 2 * 86_400_000),
  });
  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 0, failed: 0 });
  expect(received).toHaveLength(0);
  expect((await notificationOf(owner.id)).emailedAt).toBeInstanceOf(Date);
});

/** An SMTP server of its own for one test; `connections` counts the clients that came. */
async function extraServer(options: SMTPServerOptions) {
  let connections = 0;
  const extra = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    ...options,
    onConnect(session, callback) {
      connections += 1;
      if (options.onConnect) options.onConnect(session, callback);
      else callback();
    },
  });
  await new Promise<void>((resolve) => extra.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(extra.server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => extra.close(() => resolve())),
  };
}

async function emailState(id: number) {
  const [state] = await db()
    .select({
      attempts: notifications.emailAttempts,
      next: notifications.emailNextAttemptAt,
      at: notifications.emailedAt,
    })
    .from(notifications)
    .where(eq(notifications.id, id));
  return state;
}

async function notificationIds(userId: number) {
  const rows = await db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.id);
  return rows.map((row) => row.id);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

test("a failed message waits a minute, then two, four, … at most an hour", () => {
  expect([1, 2, 3, 4, 6, 7, 30].map((attempts) => emailRetryDelayMs(attempts) / 60_000)).toEqual([
    1, 2, 4, 8, 32, 60, 60,
  ]);
  // nodemailer's own defaults are 2 minutes to connect and 10 of silence; here seconds.
  expect(config.smtpTimeoutMs).toBe(10_000);
});

describe.each([
  ["accepts the connection and never greets", { onConnect: () => {} } satisfies SMTPServerOptions],
  [
    "stalls after the message's data",
    {
      onData(stream) {
        stream.resume(); // reads it all, never answers
      },
    } satisfies SMTPServerOptions,
  ],
])("a server that %s", (_name, behaviour) => {
  test("costs one timeout, not minutes: the message waits its next attempt, the others the next pass", async () => {
    const stalled = await extraServer(behaviour);
    const owner = await insertUser("salesperson");
    const now = new Date();
    await notifyNow({ userId: owner.id, kind: "reminder", message: "Pierwsza.", at: new Date(now.getTime() - 2000) });
    await notifyNow({ userId: owner.id, kind: "reminder", message: "Druga.", at: new Date(now.getTime() - 1000) });
    const [first, second] = await notificationIds(owner.id);
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const pass = await timed(() => sendPendingEmails({ smtpUrl: stalled.url, now, timeoutMs: 800 }));
      expect(pass.value).toEqual({ sent: 0, failed: 1 });
      expect(pass.ms).toBeGreaterThan(700);
      expect(pass.ms).toBeLessThan(3000);
      expect(stalled.connections()).toBe(1);
      expect(await emailState(first)).toEqual({ attempts: 1, next: new Date(now.getTime() + 60_000), at: null });
      expect(await emailState(second)).toEqual({ attempts: 0, next: null, at: null });
    } finally {
      log.mockRestore();
      closeMailer();
      await stalled.close();
    }
  });
});

test("a refused message is retried later and later, while newer ones are delivered first", async () => {
  const refusing = await insertUser("salesperson", { email: "pelna-skrzynka@salon.test" });
  const other = await insertUser("salesperson", { email: "druga@salon.test" });
  rejected.add("pelna-skrzynka@salon.test");
  const t0 = new Date();
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  await notifyNow({ userId: refusing.id, kind: "reminder", message: "Najstarsza.", at: at(-120) });
  await notifyNow({ userId: other.id, kind: "reminder", message: "Nowsza.", at: at(-60) });
  const [refused] = await notificationIds(refusing.id);
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    // The refusal does not stop the pass: the newer one goes out.
    await expect(sendPendingEmails({ smtpUrl, now: t0 })).resolves.toEqual({ sent: 1, failed: 1 });
    expect(received.map((m) => m.to)).toEqual([["druga@salon.test"]]);
    expect(await emailState(refused)).toMatchObject({ attempts: 1, next: at(60) });

    // A newer notification while the refused one waits: delivered, the refused one not tried.
    await notifyNow({ userId: other.id, kind: "note", message: "Jeszcze nowsza.", at: at(10) });
    await expect(sendPendingEmails({ smtpUrl, now: at(30) })).resolves.toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(2);

    // Due again, refused again: twice as long.
    await expect(sendPendingEmails({ smtpUrl, now: at(60) })).resolves.toEqual({ sent: 0, failed: 1 });
    expect(await emailState(refused)).toMatchObject({ attempts: 2, next: at(180) });
    await expect(sendPendingEmails({ smtpUrl, now: at(179) })).resolves.toEqual({ sent: 0, failed: 0 });

    rejected.clear();
    await expect(sendPendingEmails({ smtpUrl, now: at(180) })).resolves.toEqual({ sent: 1, failed: 0 });
    expect(received.map((m) => m.to)).toEqual([
      ["druga@salon.test"],
      ["druga@salon.test"],
      ["pelna-skrzynka@salon.test"],
    ]);
    expect((await emailState(refused)).at).not.toBeNull();
  } finally {
    log.mockRestore();
  }
});

test("reminders never wait behind e-mail: a pass returns while the mail server stalls, and mail passes never pile up", async () => {
  const stalled = await extraServer({ onConnect: () => {} });
  const settings = { url: process.env.SMTP_URL, timeout: process.env.SMTP_TIMEOUT_MS };
  process.env.SMTP_URL = stalled.url;
  process.env.SMTP_TIMEOUT_MS = "4000";
  const seller = await insertUser("salesperson");
  const proc = await insertProcess(seller.id);
  await insertTimedTask(proc.id, seller.id, { date: "2026-12-03", time: "10:00" });
  await insertTimedTask(proc.id, seller.id, { date: "2026-12-03", time: "10:01" });
  await notifyNow({ userId: seller.id, kind: "note", message: "Czeka na e-mail." });
  const reminders = async () =>
    (
      await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, seller.id), eq(notifications.kind, "reminder")))
    ).length;
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    const first = await timed(() => runBackgroundPass(zonedInstant("2026-12-03", "09:45")!));
    expect(await reminders()).toBe(1);
    const second = await timed(() => runBackgroundPass(zonedInstant("2026-12-03", "09:46")!));
    expect(await reminders()).toBe(2);
    // Both passes were done long before the mail server's timeout, and one mail pass is still waiting on it.
    expect(first.ms + second.ms).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stalled.connections()).toBe(1);
    const mail = await timed(() => sendEmailsInBackground());
    expect(mail.ms).toBeGreaterThan(1000); // the same pass, still waiting out its timeout
    expect(stalled.connections()).toBe(1);
  } finally {
    log.mockRestore();
    process.env.SMTP_URL = settings.url ?? "";
    process.env.SMTP_TIMEOUT_MS = settings.timeout ?? "";
    if (!settings.url) delete process.env.SMTP_URL;
    if (!settings.timeout) delete process.env.SMTP_TIMEOUT_MS;
    closeMailer();
    await stalled.close();
  }
});
