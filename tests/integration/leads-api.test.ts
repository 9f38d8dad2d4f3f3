import { and, count, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import {
  consentRecords,
  customers,
  leadSources,
  leadSubmissions,
  notes,
  notifications,
  processes,
  tasks,
  users,
} from "@/db/schema";
import { useTestDatabase } from "../support/database";
import { insertProcess } from "../support/fixtures";
import { insertLeadSource, leadShowroom, postJson, postLead } from "../support/leads";

const db = useTestDatabase();

async function countRows() {
  const [[c], [p], [t], [n]] = await Promise.all([
    db().select({ n: count() }).from(customers),
    db().select({ n: count() }).from(processes),
    db().select({ n: count() }).from(tasks),
    db().select({ n: count() }).from(notes),
  ]);
  return { customers: c.n, processes: p.n, tasks: t.n, notes: n.n };
}

let phoneCounter = 600_100_000;
const newPhone = () => `+48${++phoneCounter}`;

test("a JSON lead creates a customer, a process Nowy of the next salesperson, its first-contact task, the note, the consents and a notification", async () => {
  const { showroom, admin, people } = await leadShowroom(2);
  const source = await insertLeadSource(admin, { showroomId: showroom.id, firstContactMinutes: 20 });
  const before = Date.now();
  const response = await postJson(
    {
      firstName: "Anna",
      lastName: "Lis",
      phone: "600 200 300",
      email: "Anna.Lis@Example.PL",
      brand: "Toyota",
      model: "Yaris",
      message: "Proszę o ofertę.",
      utmSource: "google",
      consents: { phone: true, sms: false, email: true, text: "Zgadzam się na kontakt." },
    },
    source.key,
  );
  expect(response.status).toBe(201);
  const answer = (await response.json()) as { processId: number; customerId: number; result: string };
  expect(answer.result).toBe("created");

  const [process] = await db().select().from(processes).where(eq(processes.id, answer.processId));
  expect(process).toMatchObject({ status: "new", source: "website", showroomId: showroom.id, ownerId: people[0].id });
  expect(process.brand).toBe("Toyota");
  const [customer] = await db().select().from(customers).where(eq(customers.id, answer.customerId));
  expect(customer).toMatchObject({
    firstName: "Anna",
    lastName: "Lis",
    phone: "+48600200300",
    email: "anna.lis@example.pl",
  });

  const [task] = await db().select().from(tasks).where(eq(tasks.processId, process.id));
  expect(task).toMatchObject({ goal: "phone_contact", state: "planned", assigneeId: people[0].id });
  expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(before + 20 * 60_000);
  expect(task.dueAt.getTime()).toBeLessThanOrEqual(Date.now() + 20 * 60_000);

  const [note] = await db().select().from(notes).where(eq(notes.processId, process.id));
  expect(note.initiative).toBe("customer");
  expect(note.content).toContain("Nowe zapytanie");
  expect(note.content).toContain("Proszę o ofertę.");

  const consents = await db().select().from(consentRecords).where(eq(consentRecords.customerId, customer.id));
  expect(consents.map((c) => [c.channel, c.granted, c.source, c.text]).sort()).toEqual([
    ["email", true, "lead_api", "Zgadzam się na kontakt."],
    ["phone", true, "lead_api", "Zgadzam się na kontakt."],
  ]);
  const [notice] = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, people[0].id), eq(notifications.processId, process.id)));
  expect(notice.kind).toBe("lead");
  expect(notice.message).toContain("Anna Lis");

  // The next lead goes to the next salesperson.
  const second = await postJson({ phone: newPhone() }, source.key);
  const { processId } = (await second.json()) as { processId: number };
  const [next] = await db().select().from(processes).where(eq(processes.id, processId));
  expect(next.ownerId).toBe(people[1].id);
});

test("a lead of a customer with an open process is a note Nowe zapytanie on it; its owner is notified; nothing else is created", async () => {
  const { showroom, admin, people } = await leadShowroom(2);
  const owner = people[1];
  const existing = await insertProcess(owner.id, {
    showroomId: showroom.id,
    customer: { phone: "+48601000111", email: "stary@klient.pl" },
  });
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const rowsBefore = await countRows();
  const response = await postJson({ email: "STARY@klient.pl", message: "Wracam po ofertę" }, source.key);
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({
    processId: existing.id,
    customerId: existing.customerId,
    result: "attached",
  });
  const rowsAfter = await countRows();
  expect(rowsAfter).toEqual({ ...rowsBefore, notes: rowsBefore.notes + 1 });
  const [note] = await db().select().from(notes).where(eq(notes.processId, existing.id));
  expect(note).toMatchObject({ initiative: "customer" });
  expect(note.content).toMatch(/^Nowe zapytanie/);
  const [notice] = await db().select().from(notifications).where(eq(notifications.processId, existing.id));
  expect(notice).toMatchObject({ userId: owner.id, kind: "lead" });
});

test("the same externalId or Idempotency-Key answers 200 with the first answer and creates nothing", async () => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const first = await postJson({ phone: newPhone(), externalId: "crm-1" }, source.key);
  expect(first.status).toBe(201);
  const answer = await first.json();
  const rows = await countRows();
  const again = await postJson({ phone: newPhone(), externalId: "crm-1" }, source.key);
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual(answer);

  const keyed = await postJson({ phone: newPhone() }, source.key, { "Idempotency-Key": "abc-123" });
  expect(keyed.status).toBe(201);
  const keyedAnswer = await keyed.json();
  const keyedAgain = await postJson({ phone: newPhone() }, source.key, { "Idempotency-Key": "abc-123" });
  expect(keyedAgain.status).toBe(200);
  expect(await keyedAgain.json()).toEqual(keyedAnswer);
  expect((await countRows()).processes).toBe(rows.processes + 1);
});

test.each([
  ["externalId", (i: number) => [{ phone: `+4860220${String(i).padStart(4, "0")}`, externalId: "same" }, {}] as const],
  [
    "Idempotency-Key",
    (i: number) => [{ phone: `+4860330${String(i).padStart(4, "0")}` }, { "Idempotency-Key": "k-1" }] as const,
  ],
])("20 parallel posts with one %s create exactly one process", async (_name, request) => {
  const { showroom, admin } = await leadShowroom(2);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const before = await countRows();
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const [lead, headers] = request(i);
      return postJson(lead, source.key, headers);
    }),
  );
  const statuses = responses.map((response) => response.status).sort();
  expect(statuses).toEqual([200, ...Array(18).fill(200), 201].sort());
  const answers = await Promise.all(responses.map((response) => response.json()));
  expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  expect((await countRows()).processes).toBe(before.processes + 1);
});

test("90 leads to a source with three salespeople give each exactly 30; a deactivated one drops out of the rotation", async () => {
  const { showroom, admin, people } = await leadShowroom(3);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const responses = await Promise.all(
    Array.from({ length: 90 }, (_, i) => postJson({ phone: `+4860440${String(i).padStart(4, "0")}` }, source.key)),
  );
  expect(responses.every((response) => response.status === 201)).toBe(true);
  const perOwner = await db()
    .select({ ownerId: processes.ownerId, n: count() })
    .from(processes)
    .where(eq(processes.showroomId, showroom.id))
    .groupBy(processes.ownerId);
  expect(Object.fromEntries(perOwner.map((row) => [row.ownerId, row.n]))).toEqual(
    Object.fromEntries(people.map((person) => [person.id, 30])),
  );

  await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.id, people[1].id)).returning());
  const owners = [];
  for (let i = 0; i < 4; i++) {
    const response = await postJson({ phone: `+4860550${i}000` }, source.key);
    const { processId } = (await response.json()) as { processId: number };
    const [process] = await db().select().from(processes).where(eq(processes.id, processId));
    owners.push(process.ownerId);
  }
  expect(owners).toEqual([people[0].id, people[2].id, people[0].id, people[2].id]);
});

test("a source chooses whom it assigns to (Przydzielaj do)", async () => {
  const { showroom, admin, people } = await leadShowroom(3);
  const source = await insertLeadSource(admin, { showroomId: showroom.id, assigneeIds: [people[2].id] });
  for (let i = 0; i < 2; i++) {
    const { processId } = (await (await postJson({ phone: newPhone() }, source.key)).json()) as { processId: number };
    const [process] = await db().select().from(processes).where(eq(processes.id, processId));
    expect(process.ownerId).toBe(people[2].id);
  }
});

test("a form post takes the dealer form's field names and the key as a field", async () => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const body = new URLSearchParams({
    key: source.key,
    client_first_name: "Piotr",
    client_last_name: "Zając",
    client_phone: "+48 602 111 222",
    client_email: "piotr@zajac.pl",
    brand: "Kia",
    model: "Ceed",
    utm_source: "otomoto",
    consent_sms: "1",
  });
  const response = await postLead(body.toString(), { type: "application/x-www-form-urlencoded" });
  expect(response.status).toBe(201);
  const { customerId, processId } = (await response.json()) as { customerId: number; processId: number };
  const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
  expect(customer).toMatchObject({ firstName: "Piotr", lastName: "Zając", phone: "+48602111222" });
  const [process] = await db().select().from(processes).where(eq(processes.id, processId));
  expect(process).toMatchObject({ brand: "Kia", model: "Ceed" });
  const consents = await db().select().from(consentRecords).where(eq(consentRecords.customerId, customerId));
  expect(consents.map((c) => [c.channel, c.granted, c.source])).toEqual([["sms", true, "lead_api"]]);
});

const ADF = `<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf>
  <prospect>
    <id sequence="1" source="Portal">adf-77</id>
    <requestdate>2026-12-01T10:00:00+01:00</requestdate>
    <vehicle interest="buy" status="new"><year>2026</year><make>Škoda</make><model>Kodiaq</model></vehicle>
    <customer>
      <contact>
        <name part="first">Ewa</name>
        <name part="last">Nowak &amp; Syn</name>
        <email>ewa@nowak.pl</email>
        <phone type="voice">+48 603 333 444</phone>
      </contact>
      <comments>Jazda próbna w sobotę?</comments>
    </customer>
    <vendor><vendorname>Salon</vendorname></vendor>
    <provider><name part="full">Portal Aut</name></provider>
  </prospect>
</adf>`;

test.each(["application/xml", "application/x-adf+xml"])(
  "an ADF 1.0 document (%s) is a lead; its id makes it idempotent",
  async (type) => {
    const { showroom, admin } = await leadShowroom(1);
    const source = await insertLeadSource(admin, { showroomId: showroom.id });
    const response = await postLead(
      ADF.replace("+48 603 333 444", type === "application/xml" ? "603333444" : "603333445"),
      {
        key: source.key,
        type,
      },
    );
    expect(response.status).toBe(201);
    const { customerId, processId } = (await response.json()) as { customerId: number; processId: number };
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer).toMatchObject({ firstName: "Ewa", lastName: "Nowak & Syn", email: "ewa@nowak.pl" });
    const [process] = await db().select().from(processes).where(eq(processes.id, processId));
    expect(process).toMatchObject({ brand: "Škoda", model: "Kodiaq 2026" });
    const again = await postLead(ADF, { key: source.key, type });
    expect(again.status).toBe(200);
  },
);

const XXE = `<?xml version="1.0"?>
<!DOCTYPE adf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<adf><prospect><customer><contact><name part="first">&xxe;</name><phone>600700800</phone></contact></customer></prospect></adf>`;
const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("\n")}
]>
<adf><prospect><customer><contact><name part="first">&lol9;</name><phone>600700801</phone></contact></customer></prospect></adf>`;

test.each([
  ["XXE", XXE],
  ["billion laughs", LAUGHS],
])("%s: the document gets 422 quickly with nothing stored", async (_name, xml) => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  const before = await countRows();
  const started = Date.now();
  const response = await postLead(xml, { key: source.key, type: "application/xml" });
  expect(response.status).toBe(422);
  expect(Date.now() - started).toBeLessThan(500);
  expect(await response.json()).toEqual({ errors: { body: [expect.any(String)] } });
  expect(await countRows()).toEqual(before);
});

describe("bad input answers its 4xx with a JSON body and changes nothing", () => {
  const big = "x".repeat(64 * 1024 + 1);
  const cases: [string, (key: string) => Promise<Response>, number, unknown][] = [
    ["no key", () => postJson({ phone: "600100200" }, ""), 401, { error: expect.any(String) }],
    ["a wrong key", () => postJson({ phone: "600100200" }, "lead_wrong"), 401, { error: expect.any(String) }],
    [
      "a wrong type",
      (key) => postLead("phone=600100200", { key, type: "text/plain" }),
      415,
      { error: expect.any(String) },
    ],
    ["no type", (key) => postLead("{}", { key, type: "" }), 415, { error: expect.any(String) }],
    ["64 KB + 1 byte", (key) => postLead(big, { key }), 413, { error: expect.any(String) }],
    [
      "64 KB + 1 byte streamed without a length",
      (key) =>
        postLead(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 65; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
              controller.close();
            },
          }),
          { key },
        ),
      413,
      { error: expect.any(String) },
    ],
    ["broken JSON", (key) => postLead('{"phone": "600', { key }), 422, { errors: { body: [expect.any(String)] } }],
    ["JSON of the wrong shape", (key) => postJson([1, 2], key), 422, { errors: { body: [expect.any(String)] } }],
    [
      "a number for a name",
      (key) => postJson({ firstName: 7, phone: "600100200" }, key),
      422,
      {
        errors: { firstName: [expect.any(String)] },
      },
    ],
    [
      "neither phone nor e-mail",
      (key) => postJson({ firstName: "Jan" }, key),
      422,
      { errors: { phone: [expect.any(String)], email: [expect.any(String)] } },
    ],
    [
      "a 10,000-character name",
      (key) => postJson({ firstName: "J".repeat(10_000), phone: "600100200" }, key),
      422,
      {
        errors: { firstName: [expect.any(String)] },
      },
    ],
    [
      "control characters",
      (key) => postJson({ lastName: "Ko\u0000wal\u0007ski", phone: "600100200" }, key),
      422,
      {
        errors: { lastName: [expect.any(String)] },
      },
    ],
    ["a bad phone", (key) => postJson({ phone: "12" }, key), 422, { errors: { phone: [expect.any(String)] } }],
    ["a bad e-mail", (key) => postJson({ email: "nie-mail" }, key), 422, { errors: { email: [expect.any(String)] } }],
    [
      "consents of the wrong shape",
      (key) => postJson({ phone: "600100200", consents: { sms: "maybe" } }, key),
      422,
      {
        errors: { "consents.sms": [expect.any(String)] },
      },
    ],
  ];
  test.each(cases)("%s", async (_name, send, status, body) => {
    const { showroom, admin } = await leadShowroom(1);
    const source = await insertLeadSource(admin, { showroomId: showroom.id });
    const before = await countRows();
    const response = await send(source.key);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(body);
    expect(await countRows()).toEqual(before);
  });
});

test("a revoked key is refused; a refused lead is logged under its source with why", async () => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id });
  expect((await postJson({ firstName: "Bez kontaktu" }, source.key)).status).toBe(422);
  const [logged] = await db().select().from(leadSubmissions).where(eq(leadSubmissions.sourceId, source.id));
  expect(logged).toMatchObject({ result: "rejected", processId: null });
  expect(logged.error).toMatch(/^phone: .*; email: /);

  const { replaceApiKey } = await import("@/lib/leads/sources");
  await replaceApiKey({ actor: admin, id: source.id, revoke: true });
  expect((await postJson({ phone: newPhone() }, source.key)).status).toBe(401);
});

test("the limit counts the submissions of the last minute across a minute's end, from a tally that starts with rows already in", async () => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id, rateLimitPerMinute: 3 });
  const { receiveLead, logRejection } = await import("@/lib/leads/intake");
  const { parseLead } = await import("@/lib/leads/input");
  const post = async (at: string) => {
    const parsed = parseLead({ phone: newPhone() });
    if ("errors" in parsed) throw new Error(JSON.stringify(parsed.errors));
    const outcome = await receiveLead({
      sourceId: source.id,
      lead: parsed.lead,
      consentSource: "lead_api",
      now: new Date(`2026-12-02T${at}Z`),
    });
    return outcome.status;
  };
  const tallyOf = async () =>
    (
      await db()
        .select({
          minute: leadSources.rateMinute,
          count: leadSources.rateCount,
          previous: leadSources.ratePreviousCount,
        })
        .from(leadSources)
        .where(eq(leadSources.id, source.id))
    )[0];
  const minute = (at: string) => Math.floor(new Date(`2026-12-02T${at}Z`).getTime() / 60_000);

  expect(await post("10:00:50")).toBe(201);
  expect(await post("10:00:55")).toBe(201);
  await logRejection({ sourceId: source.id, error: "phone: Podaj numer.", now: new Date("2026-12-02T10:00:58Z") });
  expect(await tallyOf()).toEqual({ minute: minute("10:00:00"), count: 3, previous: 0 });
  expect(await post("10:01:10")).toBe(429);
  // The window (10:00:51, 10:01:51] holds two; then (10:00:52, 10:01:52] holds three, one of the minute before.
  expect(await post("10:01:51")).toBe(201);
  expect(await tallyOf()).toEqual({ minute: minute("10:01:00"), count: 1, previous: 3 });
  expect(await post("10:01:52")).toBe(429);
  expect(await post("10:02:59")).toBe(201);
  expect(await tallyOf()).toEqual({ minute: minute("10:02:00"), count: 1, previous: 1 });

  // A source without a tally (as after the upgrade that added it) starts it from its rows.
  await transaction((tx) =>
    tx
      .update(leadSources)
      .set({ rateMinute: null, rateCount: 0, ratePreviousCount: 0 })
      .where(eq(leadSources.id, source.id)),
  );
  expect(await post("10:03:10")).toBe(201);
  expect(await tallyOf()).toEqual({ minute: minute("10:03:00"), count: 1, previous: 1 });
  expect(await post("10:03:20")).toBe(201);
  expect(await post("10:03:30")).toBe(429);
  // A clock set back: the window's rows are counted.
  expect(await post("10:02:58")).toBe(429);
});

test("over the source's limit a lead gets 429 with Retry-After", async () => {
  const { showroom, admin } = await leadShowroom(1);
  const source = await insertLeadSource(admin, { showroomId: showroom.id, rateLimitPerMinute: 3 });
  for (let i = 0; i < 3; i++) expect((await postJson({ phone: newPhone() }, source.key)).status).toBe(201);
  const before = await countRows();
  const limited = await postJson({ phone: newPhone() }, source.key);
  expect(limited.status).toBe(429);
  const retryAfter = Number(limited.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await limited.json()).toEqual({ error: expect.any(String) });
  expect(await countRows()).toEqual(before);
});
