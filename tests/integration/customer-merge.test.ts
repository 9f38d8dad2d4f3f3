import { and, eq, inArray } from "drizzle-orm";
import { consentRecords, customers, processEvents, processes, type Showroom } from "@/db/schema";
import { anonymizeCustomers } from "@/lib/customers/anonymize";
import { listDuplicateGroups, mergeCustomers } from "@/lib/customers/merge";
import { refuseInserts, useTestDatabase } from "../support/database";
import { insertConsent, insertProcess, insertShowroom, insertUser, unique, type TestUser } from "../support/fixtures";

const db = useTestDatabase();

let north: Showroom, south: Showroom;
let manager: TestUser, admin: TestUser, seller: TestUser, southSeller: TestUser;
beforeAll(async () => {
  north = await insertShowroom({ name: `Północ ${unique()}` });
  south = await insertShowroom({ name: `Południe ${unique()}` });
  manager = await insertUser("manager", { name: "Marek Kierownik", showroomIds: [north.id] });
  admin = await insertUser("admin", { name: "Anna Admin", showroomIds: [north.id, south.id] });
  seller = await insertUser("salesperson", { showroomIds: [north.id] });
  southSeller = await insertUser("salesperson", { showroomIds: [south.id] });
});

let phoneCounter = 0;
const freshPhone = () =>
  `+4860${String(Date.now() % 10_000_000)
    .padStart(7, "0")
    .slice(0, 5)}${String(++phoneCounter).padStart(2, "0")}`;

async function customerRow(id: number) {
  const [row] = await db().select().from(customers).where(eq(customers.id, id));
  return row;
}

/** Two customers of the north showroom sharing a phone: the kept one without an e-mail, the other with one. */
async function pair(over: { otherShowroom?: number; otherOwner?: number } = {}) {
  const phone = freshPhone();
  const keep = await insertProcess(seller.id, {
    showroomId: north.id,
    customer: { firstName: "Jan", lastName: `Zostaje ${unique()}`, phone },
  });
  const other = await insertProcess(over.otherOwner ?? seller.id, {
    showroomId: over.otherShowroom ?? north.id,
    customer: { firstName: "Janek", lastName: `Odchodzi ${unique()}`, phone, email: `Jan.${unique()}@Example.PL` },
  });
  return { phone, keep, other };
}

describe("Duplikaty and Połącz", () => {
  test("the list shows customers sharing a phone or an e-mail (in any case), among those the viewer may see", async () => {
    const { phone, keep, other } = await pair();
    const email = `dup-${unique()}@example.pl`;
    const byEmail = [
      await insertProcess(seller.id, { showroomId: north.id, customer: { email } }),
      await insertProcess(seller.id, { showroomId: north.id, customer: { email: email.toUpperCase() } }),
    ];
    const hidden = await insertProcess(southSeller.id, { showroomId: south.id, customer: { phone } });

    const groups = await listDuplicateGroups({ viewer: manager });
    const byPhone = groups.find((group) => group.by === "phone" && group.key === phone);
    expect(byPhone?.customers.map((c) => c.id)).toEqual([keep.customerId, other.customerId]);
    const emailGroup = groups.find((group) => group.by === "email" && group.key === email);
    expect(emailGroup?.customers.map((c) => c.id)).toEqual(byEmail.map((p) => p.customerId));
    // The admin sees the south showroom's customer with the same phone as well.
    const all = await listDuplicateGroups({ viewer: admin });
    expect(all.find((group) => group.key === phone)?.customers.map((c) => c.id)).toEqual([
      keep.customerId,
      other.customerId,
      hidden.customerId,
    ]);
  });

  test("merging moves processes and consent records (with their time and source), fills missing contact, writes the history, removes the other", async () => {
    const { keep, other } = await pair();
    const extra = await insertProcess(seller.id, { showroomId: north.id, customerId: other.customerId });
    const consentAt = new Date(Date.UTC(2024, 4, 5, 10, 0));
    const consent = await insertConsent(other.customerId, { source: "web_form", at: consentAt });
    const otherCustomer = await customerRow(other.customerId);

    const { mergedName } = await mergeCustomers({ user: manager, keepId: keep.customerId, mergeId: other.customerId });

    expect(mergedName).toBe(`${otherCustomer.firstName} ${otherCustomer.lastName}`);
    expect(await customerRow(other.customerId)).toBeUndefined();
    const kept = await customerRow(keep.customerId);
    expect(kept).toMatchObject({ firstName: "Jan", email: otherCustomer.email, phone: otherCustomer.phone });
    const moved = await db()
      .select({ id: processes.id, customerId: processes.customerId })
      .from(processes)
      .where(inArray(processes.id, [keep.id, other.id, extra.id]));
    expect(moved.every((p) => p.customerId === keep.customerId)).toBe(true);
    const [record] = await db().select().from(consentRecords).where(eq(consentRecords.id, consent.id));
    expect(record).toMatchObject({ customerId: keep.customerId, source: "web_form", recordedAt: consentAt });
    const entries = await db()
      .select()
      .from(processEvents)
      .where(and(inArray(processEvents.processId, [keep.id, other.id, extra.id]), eq(processEvents.kind, "merged")));
    expect(entries.map((e) => e.processId).sort((a, b) => a - b)).toEqual(
      [keep.id, other.id, extra.id].sort((a, b) => a - b),
    );
    expect(
      entries.every((e) => e.userId === manager.id && e.fromValue === `${mergedName} (#${other.customerId})`),
    ).toBe(true);
  });

  test("a customer out of the manager's sight, or one with a process there, is refused; nothing changes", async () => {
    const hiddenPair = await pair({ otherShowroom: south.id, otherOwner: southSeller.id });
    await expect(
      mergeCustomers({ user: manager, keepId: hiddenPair.keep.customerId, mergeId: hiddenPair.other.customerId }),
    ).rejects.toThrow("Nie znaleziono");
    // Seen through a north process, but also served in the south.
    const mixed = await pair();
    await insertProcess(southSeller.id, { showroomId: south.id, customerId: mixed.other.customerId });
    await expect(
      mergeCustomers({ user: manager, keepId: mixed.keep.customerId, mergeId: mixed.other.customerId }),
    ).rejects.toThrow("Klient ma procesy w salonie, którego nie widzisz");
    expect(await customerRow(mixed.other.customerId)).toBeDefined();
    // The admin may.
    await mergeCustomers({ user: admin, keepId: mixed.keep.customerId, mergeId: mixed.other.customerId });
    expect(await customerRow(mixed.other.customerId)).toBeUndefined();
    await expect(
      mergeCustomers({ user: seller, keepId: mixed.keep.customerId, mergeId: hiddenPair.keep.customerId }),
    ).rejects.toThrow("Nie masz uprawnień");
  });

  test("an anonymised customer is never merged, nor two who share nothing", async () => {
    const { phone, keep } = await pair();
    const other = await insertProcess(seller.id, {
      showroomId: north.id,
      customer: { lastName: "Klient zanonimizowany", phone, anonymizedAt: new Date() },
    });
    await expect(mergeCustomers({ user: admin, keepId: keep.customerId, mergeId: other.customerId })).rejects.toThrow(
      "Klienta zanonimizowanego nie można połączyć",
    );
    const stranger = await insertProcess(seller.id, { showroomId: north.id, customer: { phone: freshPhone() } });
    await expect(
      mergeCustomers({ user: admin, keepId: keep.customerId, mergeId: stranger.customerId }),
    ).rejects.toThrow("nie mają wspólnego telefonu ani e-maila");
    expect(await customerRow(stranger.customerId)).toBeDefined();
  });

  test("a failure in the middle (the history entry cannot be written) leaves both customers as they were", async () => {
    const { keep, other } = await pair();
    const consent = await insertConsent(other.customerId);
    const allowInserts = await refuseInserts("process_events", "nope");
    try {
      // Read the error itself, as tests/integration/task-save.test.ts does: better-sqlite3's errors carry the
      // Error class of the first test file that loaded it in this jest worker, which `rejects.toThrow` does
      // not take for an error here; drizzle reports PostgreSQL's error as the cause of its own.
      const error = await mergeCustomers({ user: manager, keepId: keep.customerId, mergeId: other.customerId }).then(
        () => "merged",
        (failure: { message?: string; cause?: { message?: string } }) => (failure.cause ?? failure).message,
      );
      expect(error).toBe("nope");
    } finally {
      await allowInserts();
    }
    expect(await customerRow(other.customerId)).toBeDefined();
    expect((await customerRow(keep.customerId)).email).toBeNull();
    const [p] = await db().select().from(processes).where(eq(processes.id, other.id));
    expect(p.customerId).toBe(other.customerId);
    const [record] = await db().select().from(consentRecords).where(eq(consentRecords.id, consent.id));
    expect(record.customerId).toBe(other.customerId);
  });

  test("anonymising the kept customer blanks the merged customer's name in the history too", async () => {
    const { keep, other } = await pair();
    await mergeCustomers({ user: admin, keepId: keep.customerId, mergeId: other.customerId });
    await anonymizeCustomers({ user: admin, customerIds: [keep.customerId], reason: "Żądanie klienta" });
    const entries = await db()
      .select({ fromValue: processEvents.fromValue })
      .from(processEvents)
      .where(and(inArray(processEvents.processId, [keep.id, other.id]), eq(processEvents.kind, "merged")));
    expect(entries).toEqual([{ fromValue: "Klient zanonimizowany" }, { fromValue: "Klient zanonimizowany" }]);
  });
});
