import fs from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";
import { portIsOpen } from "../support/net";
import { startDovecot, type TestDovecot } from "../support/dovecot";
import { processIsAlive } from "../support/system-users";

// The throwaway IMAP server the leads mailbox is tested against.

let server: TestDovecot;

beforeAll(async () => {
  server = await startDovecot();
}, 30_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

function client(password = server.password): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: password },
    logger: false,
  });
}

const enquiry = [
  "From: =?UTF-8?Q?Zofia_=C5=BB=C3=B3=C5=82towska?= <zofia@example.pl>",
  "To: leady@salon.pl",
  "Subject: =?UTF-8?Q?Zapytanie_o_Octavi=C4=99?=",
  "Message-ID: <enquiry-1@example.pl>",
  "Date: Tue, 01 Dec 2026 10:00:00 +0100",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Dzie=C5=84 dobry, prosz=C4=99 o kontakt: +48 601 234 567.",
  "",
].join("\r\n");

test("a message appended to INBOX is fetched unseen, parsed, marked seen and then no longer unseen", async () => {
  const imap = client();
  await imap.connect();
  try {
    const lock = await imap.getMailboxLock("INBOX");
    try {
      await imap.append("INBOX", enquiry);
      const unseen = await imap.search({ seen: false }, { uid: true });
      expect(unseen).toHaveLength(1);
      const uid = (unseen as number[])[0];

      const message = await imap.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
      if (!message || !message.source) throw new Error(`Message ${uid} could not be fetched`);
      expect([...(message.flags ?? [])]).not.toContain("\\Seen");
      const parsed = await simpleParser(message.source);
      expect(parsed.subject).toBe("Zapytanie o Octavię");
      expect(parsed.from?.value[0]).toEqual({ name: "Zofia Żółtowska", address: "zofia@example.pl" });
      expect(parsed.messageId).toBe("<enquiry-1@example.pl>");
      expect(parsed.text?.trim()).toBe("Dzień dobry, proszę o kontakt: +48 601 234 567.");

      expect(await imap.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true })).toBe(true);
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout();
  }

  // A new session reads the flags from the server, not from the first client's memory.
  const again = client();
  await again.connect();
  try {
    const lock = await again.getMailboxLock("INBOX");
    try {
      expect(await again.search({ seen: false }, { uid: true })).toEqual([]);
      expect(await again.search({ all: true }, { uid: true })).toHaveLength(1);
    } finally {
      lock.release();
    }
  } finally {
    await again.logout();
  }
});

test("a wrong password is refused", async () => {
  const imap = client(`${server.password}x`);
  await expect(imap.connect()).rejects.toMatchObject({ authenticationFailed: true });
  imap.close();
});

test("stop() shuts the server down and removes its folder", async () => {
  const other = await startDovecot();
  const master = Number(fs.readFileSync(path.join(other.dir, "run", "master.pid"), "utf8"));
  expect(other.port).not.toBe(server.port);
  expect(processIsAlive(master)).toBe(true);
  const imap = new ImapFlow({
    host: other.host,
    port: other.port,
    secure: false,
    auth: { user: other.user, pass: other.password },
    logger: false,
  });
  await imap.connect();
  await imap.logout();

  await other.stop();
  expect(processIsAlive(master)).toBe(false);
  expect(await portIsOpen(other.port)).toBe(false);
  expect(fs.existsSync(other.dir)).toBe(false);
}, 30_000);
