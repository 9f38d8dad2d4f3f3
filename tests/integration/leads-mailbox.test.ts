import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { customers, leadSubmissions, notes, processes } from "@/db/schema";
import { readLeadsMailbox } from "@/lib/leads/mailbox";
import { useTestDatabase } from "../support/database";
import { startDovecot, type TestDovecot } from "../support/dovecot";
import { insertLeadSource, leadShowroom } from "../support/leads";

// The leads mailbox against a real IMAP server (Dovecot), never a mock.

const db = useTestDatabase();
let server: TestDovecot;

beforeAll(async () => {
  server = await startDovecot();
  process.env.LEADS_IMAP_URL = `imap://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/INBOX`;
}, 30_000);

afterAll(async () => {
  delete process.env.LEADS_IMAP_URL;
  await server?.stop();
}, 30_000);

async function withMailbox<T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> {
  const imap = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
  });
  await imap.connect();
  try {
    const lock = await imap.getMailboxLock("INBOX");
    try {
      return await work(imap);
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout();
  }
}

const unseenCount = () =>
  withMailbox(async (imap) => ((await imap.search({ seen: false }, { uid: true })) || []).length);

function mail(headers: Record<string, string>, body: string, contentType = "text/plain; charset=utf-8"): string {
  return [
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    "",
  ].join("\r\n");
}

const plain = mail(
  {
    From: "=?UTF-8?Q?Zofia_=C5=BB=C3=B3=C5=82towska?= <Zofia@Example.pl>",
    To: "leady@salon.pl",
    Subject: "Zapytanie o Octavię",
    "Message-ID": "<enquiry-1@example.pl>",
    Date: "Tue, 01 Dec 2026 10:00:00 +0100",
  },
  "Dzień dobry, proszę o kontakt: +48 601 234 567.",
);

const withAdf = [
  "From: portal@portal.pl",
  "Subject: Nowy lead",
  "Message-ID: <adf-1@portal.pl>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="b1"',
  "",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Lead w załączniku.",
  "--b1",
  'Content-Type: application/xml; name="lead.xml"',
  'Content-Disposition: attachment; filename="lead.xml"',
  "",
  `<?xml version="1.0"?><?adf version="1.0"?><adf><prospect><id source="portal">P-9</id><vehicle><make>Kia</make><model>Sportage</model></vehicle><customer><contact><name part="first">Igor</name><name part="last">Mazur</name><phone>602 999 888</phone></contact></customer><provider><name>Portal</name></provider></prospect></adf>`,
  "--b1--",
  "",
].join("\r\n");

const unreadable = mail({ Subject: "Bez nadawcy", "Message-ID": "<nobody@x.pl>" }, "Brak kontaktu w treści.");

test("each unread message becomes a lead and is marked read; one that cannot be read stays unread and is reported once; none becomes two leads", async () => {
  const { showroom, admin, people } = await leadShowroom(2);
  const source = await insertLeadSource(admin, { showroomId: showroom.id, kind: "mailbox" });
  await withMailbox(async (imap) => {
    await imap.append("INBOX", plain);
    await imap.append("INBOX", withAdf);
    await imap.append("INBOX", unreadable);
    // The same message delivered twice (a forward rule firing again).
    await imap.append("INBOX", plain);
  });

  const pass = await readLeadsMailbox();
  expect(pass).toEqual({ leads: 2, repeats: 1, unreadable: 1 });
  expect(await unseenCount()).toBe(1);

  const [zofia] = await db().select().from(customers).where(eq(customers.email, "zofia@example.pl"));
  expect(zofia).toMatchObject({ firstName: "Zofia", lastName: "Żółtowska", phone: "+48601234567" });
  const [zofiaProcess] = await db().select().from(processes).where(eq(processes.customerId, zofia.id));
  expect(zofiaProcess).toMatchObject({ status: "new", ownerId: people[0].id, showroomId: showroom.id });
  const [note] = await db().select().from(notes).where(eq(notes.processId, zofiaProcess.id));
  expect(note).toMatchObject({ type: "email", initiative: "customer" });
  expect(note.content).toContain("Zapytanie o Octavię");

  const [igor] = await db().select().from(customers).where(eq(customers.phone, "+48602999888"));
  expect(igor).toMatchObject({ firstName: "Igor", lastName: "Mazur" });
  const [igorProcess] = await db().select().from(processes).where(eq(processes.customerId, igor.id));
  expect(igorProcess).toMatchObject({ brand: "Kia", model: "Sportage", ownerId: people[1].id });

  const log = await db().select().from(leadSubmissions).where(eq(leadSubmissions.sourceId, source.id));
  const rejected = log.filter((row) => row.result === "rejected");
  expect(rejected).toHaveLength(1);
  expect(rejected[0].error).toMatch(/^Nie udało się odczytać wiadomości/);

  // The next pass finds only the unreadable message: nothing new, not reported again.
  expect(await readLeadsMailbox()).toEqual({ leads: 0, repeats: 0, unreadable: 0 });
  expect(await unseenCount()).toBe(1);
  expect(await db().select().from(leadSubmissions).where(eq(leadSubmissions.sourceId, source.id))).toHaveLength(
    log.length,
  );

  // Marked unread again by someone: the same message (Message-ID and UID) is no second lead.
  await withMailbox((imap) => imap.messageFlagsRemove("1:*", ["\\Seen"]));
  expect(await readLeadsMailbox()).toEqual({ leads: 0, repeats: 3, unreadable: 0 });
  expect(await db().select().from(processes).where(eq(processes.showroomId, showroom.id))).toHaveLength(2);
}, 30_000);
