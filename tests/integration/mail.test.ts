import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { transaction } from "@/db/client";
import { notifications } from "@/db/schema";
import { closeMailer, sendPendingEmails } from "@/lib/mail/mailer";
import { notify, type NewNotification } from "@/lib/notifications/notify";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertUser } from "../support/fixtures";

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
let server: SMTPServer;
let smtpUrl = "";

beforeAll(async () => {
  process.env.PUBLIC_URL = "https://crm.salon.test";
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(rejectAll ? Object.assign(new Error("Mailbox unavailable"), { responseCode: 450 }) : undefined);
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
  await expect(sendPendingEmails({ smtpUrl })).resolves.toEqual({ sent: 1, failed: 0 });
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
