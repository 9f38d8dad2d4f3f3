import { asc, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { auditEvents, consentRecords } from "@/db/schema";
import { saveConsents } from "@/lib/consents/mutations";
import { customerConsents } from "@/lib/consents/queries";
import { recordConsents } from "@/lib/consents/record";
import { consentsFormSchema } from "@/lib/consents/schema";
import { t } from "@/lib/i18n";
import { createProcess as createProcessOrRefuse } from "@/lib/processes/mutations";
import { newProcessSchema } from "@/lib/processes/schema";
import { saveConsentTexts } from "@/lib/settings/consent-texts";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertUser, type TestUser } from "../support/fixtures";

/** A process these tests expect to be created (not refused as another salesperson's customer). */
async function createProcess(params: Parameters<typeof createProcessOrRefuse>[0]) {
  const result = await createProcessOrRefuse(params);
  if (!("created" in result)) throw new Error(`refused: the customer is ${result.servedBy}'s`);
  return result.created;
}

const db = useTestDatabase();

let admin: TestUser;
let anna: TestUser;
let bartek: TestUser;
beforeAll(async () => {
  admin = await insertUser("admin");
  anna = await insertUser("salesperson");
  bartek = await insertUser("salesperson");
});

const recordsOf = (customerId: number) =>
  db().select().from(consentRecords).where(eq(consentRecords.customerId, customerId)).orderBy(asc(consentRecords.id));
const eventsOf = (customerId: number) =>
  db().select().from(auditEvents).where(eq(auditEvents.customerId, customerId)).orderBy(asc(auditEvents.id));
const form = (fields: Record<string, string>) => consentsFormSchema.parse(fields);

describe("recordConsents", () => {
  test("writes a record only for a channel whose state changes, and the newest record is the state", async () => {
    const { customerId } = await insertProcess(anna.id);
    const at1 = new Date("2026-05-01T10:00:00Z");
    const written = await transaction((tx) =>
      recordConsents(tx, {
        customerId,
        channels: { phone: true, sms: false, email: true },
        source: "showroom",
        by: anna.id,
        at: at1,
      }),
    );
    // sms: false on a customer without any consent is no change.
    expect(written.map((record) => [record.channel, record.granted])).toEqual([
      ["phone", true],
      ["email", true],
    ]);
    expect(
      await transaction((tx) =>
        recordConsents(tx, { customerId, channels: { phone: true }, source: "phone", by: anna.id }),
      ),
    ).toEqual([]);

    const at2 = new Date("2026-05-02T10:00:00Z");
    await transaction((tx) =>
      recordConsents(tx, { customerId, channels: { email: false }, source: "phone", by: anna.id, at: at2 }),
    );
    const { state, history } = await customerConsents(customerId);
    expect(state).toEqual({ phone: { granted: true, at: at1 }, sms: null, email: { granted: false, at: at2 } });
    expect(history.map((entry) => [entry.channel, entry.granted, entry.source, entry.recordedByName])).toEqual([
      ["email", false, "phone", anna.name],
      ["email", true, "showroom", anna.name],
      ["phone", true, "showroom", anna.name],
    ]);
    // Records are added, never edited: the first e-mail grant is still there as it was.
    expect((await recordsOf(customerId)).map((record) => [record.channel, record.granted, record.recordedAt])).toEqual([
      ["phone", true, at1],
      ["email", true, at1],
      ["email", false, at2],
    ]);
    // One event per call that changed something, with what changed and where it came from.
    expect((await eventsOf(customerId)).map((event) => [event.kind, event.userId, JSON.parse(event.details!)])).toEqual(
      [
        ["consents_changed", anna.id, { source: "showroom", phone: true, email: true }],
        ["consents_changed", anna.id, { source: "phone", email: false }],
      ],
    );
  });

  test("keeps the wording as it was when recorded; a lead's own wording and no recorder are kept too", async () => {
    const { customerId } = await insertProcess(anna.id);
    await transaction((tx) =>
      recordConsents(tx, { customerId, channels: { sms: true }, source: "showroom", by: anna.id }),
    );
    await saveConsentTexts({ user: admin, texts: { ...t.consents.defaultText, sms: "Nowa treść zgody na SMS." } });
    await transaction((tx) =>
      recordConsents(tx, { customerId, channels: { sms: false }, source: "showroom", by: anna.id }),
    );
    await transaction((tx) =>
      recordConsents(tx, {
        customerId,
        channels: { email: true },
        source: "lead_api",
        text: "Zgoda z formularza dealera",
        by: null,
      }),
    );
    expect((await recordsOf(customerId)).map((record) => [record.channel, record.text, record.recordedById])).toEqual([
      ["sms", t.consents.defaultText.sms, anna.id],
      ["sms", "Nowa treść zgody na SMS.", anna.id],
      ["email", "Zgoda z formularza dealera", null],
    ]);
  });

  test("a transaction that fails leaves neither records nor the event", async () => {
    const { customerId } = await insertProcess(anna.id);
    await expect(
      transaction(async (tx) => {
        await recordConsents(tx, { customerId, channels: { phone: true }, source: "showroom", by: anna.id });
        throw new Error("after the consents");
      }),
    ).rejects.toThrow("after the consents");
    expect(await recordsOf(customerId)).toEqual([]);
    expect(await eventsOf(customerId)).toEqual([]);
  });
});

describe("Nowy proces", () => {
  const input = (fields: Record<string, string>) =>
    newProcessSchema.parse({ lastName: "Zgodna", source: "showroom", ...fields });

  test("the ticked boxes become records of the new customer, recorded by the user", async () => {
    const process = await createProcess({
      user: anna,
      input: input({ phone: "600700800", consentPhone: "on", consentEmail: "on", email: "zgodna@klient.pl" }),
    });
    const records = await recordsOf(process.customerId);
    expect(records.map((record) => [record.channel, record.granted, record.source, record.recordedById])).toEqual([
      ["phone", true, "showroom", anna.id],
      ["email", true, "showroom", anna.id],
    ]);
    expect(records[0].text).toBe(t.consents.defaultText.phone);
  });

  test("a new process of an existing customer adds consents and withdraws none", async () => {
    const first = await createProcess({ user: anna, input: input({ phone: "600700801", consentSms: "on" }) });
    const second = await createProcess({
      user: anna,
      input: input({
        phone: "600700801",
        source: "phone",
        consentEmail: "on",
        existingCustomerId: String(first.customerId),
        customerChoice: "existing",
      }),
    });
    expect(second.customerId).toBe(first.customerId);
    const { state } = await customerConsents(first.customerId);
    expect([state.phone, state.sms?.granted, state.email?.granted]).toEqual([null, true, true]);
    const records = await recordsOf(first.customerId);
    expect(records.map((record) => record.source)).toEqual(["showroom", "phone"]);
  });

  test("no box ticked: no record", async () => {
    const process = await createProcess({ user: anna, input: input({ phone: "600700802" }) });
    expect(await recordsOf(process.customerId)).toEqual([]);
  });
});

describe("Zapisz zgody", () => {
  test("a change writes records, the same state again writes nothing", async () => {
    const process = await insertProcess(anna.id);
    expect(
      await saveConsents({
        user: anna,
        processId: process.id,
        input: form({ phone: "on", sms: "on", source: "phone" }),
      }),
    ).toBe(2);
    expect(
      await saveConsents({
        user: anna,
        processId: process.id,
        input: form({ phone: "on", sms: "on", source: "showroom" }),
      }),
    ).toBe(0);
    expect(
      await saveConsents({
        user: anna,
        processId: process.id,
        input: form({ sms: "on", email: "on", source: "showroom" }),
      }),
    ).toBe(2);
    const { state } = await customerConsents(process.customerId);
    expect([state.phone?.granted, state.sms?.granted, state.email?.granted]).toEqual([false, true, true]);
    expect(await recordsOf(process.customerId)).toHaveLength(4);
  });

  test("someone else's process is not found and nothing is written", async () => {
    const process = await insertProcess(anna.id);
    await expect(
      saveConsents({ user: bartek, processId: process.id, input: form({ phone: "on", source: "showroom" }) }),
    ).rejects.toThrow(t.common.notFound);
    expect(await recordsOf(process.customerId)).toEqual([]);
  });

  test("the form accepts only the staff's sources", () => {
    expect(consentsFormSchema.safeParse({ source: "lead_api" }).success).toBe(false);
    expect(consentsFormSchema.safeParse({ source: "phone", email: "on" }).data).toEqual({
      source: "phone",
      channels: { phone: false, sms: false, email: true },
    });
  });
});
