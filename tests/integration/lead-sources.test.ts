import { count, eq } from "drizzle-orm";
import { consentRecords, customers, leadSources, leadSubmissions, processes, type User } from "@/db/schema";
import { initialFormState } from "@/lib/actions/form-state";
import { addLeadSource, changeApiKey, editLeadSource } from "@/app/(crm)/zrodla-leadow/actions";
import { sendEnquiry } from "@/app/formularz/[source]/actions";
import { useTestDatabase } from "../support/database";
import { insertSession, insertUser } from "../support/fixtures";
import { insertLeadSource, leadShowroom, postJson } from "../support/leads";

let sessionCookie: string | undefined;
jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (sessionCookie ? { value: sessionCookie } : undefined), set: () => undefined }),
  headers: async () => new Headers(),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = useTestDatabase();

async function signIn(user: User) {
  sessionCookie = (await insertSession(user)).cookie;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) data.append(key, one);
  }
  return data;
}

const sourceCount = async () => (await db().select({ n: count() }).from(leadSources))[0].n;

describe("Źródła leadów", () => {
  test("an admin adds an API source: its key is shown once, stored only hashed, works, and is revoked", async () => {
    const { showroom, admin, people } = await leadShowroom(2);
    await signIn(admin);
    const state = await addLeadSource(
      initialFormState,
      form({
        name: "Strona salonu",
        kind: "api",
        showroomId: String(showroom.id),
        processSource: "website",
        firstContactMinutes: "15",
        rateLimitPerMinute: "60",
        assigneeIds: [String(people[1].id)],
      }),
    );
    expect(state.status).toBe("ok");
    const key = state.shownOnce![0];
    expect(key).toMatch(/^lead_[\w-]{40,}$/);
    const [stored] = await db().select().from(leadSources).where(eq(leadSources.name, "Strona salonu"));
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(stored).toMatchObject({ firstContactMinutes: 15, rateLimitPerMinute: 60, kind: "api" });

    const created = await postJson({ phone: "+48605000001" }, key);
    expect(created.status).toBe(201);
    const { processId } = (await created.json()) as { processId: number };
    const [process] = await db().select().from(processes).where(eq(processes.id, processId));
    expect(process.ownerId).toBe(people[1].id);

    const fresh = await changeApiKey(stored.id, initialFormState, form({}));
    expect(fresh.shownOnce?.[0]).toMatch(/^lead_/);
    expect((await postJson({ phone: "+48605000002" }, key)).status).toBe(401);
    expect((await postJson({ phone: "+48605000003" }, fresh.shownOnce![0])).status).toBe(201);
    const revoked = await changeApiKey(stored.id, initialFormState, form({ revoke: "on" }));
    expect(revoked.status).toBe("ok");
    expect(revoked.shownOnce).toBeUndefined();
    expect((await postJson({ phone: "+48605000004" }, fresh.shownOnce![0])).status).toBe(401);
  });

  test("a salesperson or manager cannot add or change sources; an assignee must work in the showroom", async () => {
    const { showroom, admin } = await leadShowroom(1);
    const other = await leadShowroom(1);
    const before = await sourceCount();
    const fields = {
      name: "Portal",
      kind: "api",
      showroomId: String(showroom.id),
      processSource: "listing_portal",
      firstContactMinutes: "30",
      rateLimitPerMinute: "60",
    };
    for (const role of ["salesperson", "manager"] as const) {
      await signIn(await insertUser(role, { showroomIds: [showroom.id] }));
      const refused = await addLeadSource(initialFormState, form(fields));
      expect(refused.status).toBe("error");
      expect(refused.shownOnce).toBeUndefined();
    }
    expect(await sourceCount()).toBe(before);

    await signIn(admin);
    const wrongPerson = await addLeadSource(
      initialFormState,
      form({ ...fields, assigneeIds: [String(other.people[0].id)] }),
    );
    expect(wrongPerson.fieldErrors?.assigneeIds).toHaveLength(1);
    expect(wrongPerson.values?.name).toBe("Portal");
    const badMinutes = await addLeadSource(initialFormState, form({ ...fields, firstContactMinutes: "0" }));
    expect(badMinutes.fieldErrors?.firstContactMinutes).toHaveLength(1);
    expect(await sourceCount()).toBe(before);

    const source = await insertLeadSource(admin, { showroomId: showroom.id });
    await signIn(await insertUser("manager", { showroomIds: [showroom.id] }));
    const edit = await editLeadSource(source.id, initialFormState, form({ ...fields, name: "Zmiana" }));
    expect(edit.status).toBe("error");
    expect((await changeApiKey(source.id, initialFormState, form({ revoke: "on" }))).status).toBe("error");
    expect((await postJson({ phone: "+48605000009" }, source.key)).status).toBe(201);
  });
});

describe("/formularz/<source>", () => {
  test("an enquiry becomes a lead with its consents (Formularz WWW); the honeypot makes nothing; bad input keeps the form", async () => {
    const { showroom, admin, people } = await leadShowroom(1);
    const source = await insertLeadSource(admin, { showroomId: showroom.id, kind: "web_form" });
    expect(source.key).toBe("");
    sessionCookie = undefined;
    const sent = await sendEnquiry(
      source.id,
      initialFormState,
      form({
        firstName: "Ola",
        lastName: "Wrona",
        phone: "605 100 200",
        email: "",
        message: "Czy jest Corolla kombi?",
        consentEmail: "on",
      }),
    );
    expect(sent).toMatchObject({ status: "ok" });
    const [customer] = await db().select().from(customers).where(eq(customers.phone, "+48605100200"));
    expect(customer).toMatchObject({ firstName: "Ola", lastName: "Wrona" });
    const [process] = await db().select().from(processes).where(eq(processes.customerId, customer.id));
    expect(process).toMatchObject({ ownerId: people[0].id, status: "new" });
    const consents = await db().select().from(consentRecords).where(eq(consentRecords.customerId, customer.id));
    expect(consents.map((c) => [c.channel, c.granted, c.source])).toEqual([["email", true, "web_form"]]);

    const processesBefore = (await db().select({ n: count() }).from(processes))[0].n;
    const bot = await sendEnquiry(
      source.id,
      initialFormState,
      form({ firstName: "Bot", phone: "605 100 201", website: "http://spam" }),
    );
    expect(bot.status).toBe("ok");
    const bad = await sendEnquiry(
      source.id,
      initialFormState,
      form({ firstName: "Ala", phone: "12", consentSms: "on" }),
    );
    expect(bad.status).toBe("error");
    expect(bad.fieldErrors?.phone).toHaveLength(1);
    expect(bad.values).toMatchObject({ firstName: "Ala", phone: "12", consentSms: "on" });
    const none = await sendEnquiry(source.id, initialFormState, form({ firstName: "Ala" }));
    expect(none.fieldErrors).toMatchObject({ phone: [expect.any(String)], email: [expect.any(String)] });
    expect((await db().select({ n: count() }).from(processes))[0].n).toBe(processesBefore);
    const log = await db().select().from(leadSubmissions).where(eq(leadSubmissions.sourceId, source.id));
    expect(log.map((row) => row.result).sort()).toEqual(["created", "rejected", "rejected", "rejected"]);
  });

  test("an API source or an unknown one has no form", async () => {
    const { showroom, admin } = await leadShowroom(1);
    const api = await insertLeadSource(admin, { showroomId: showroom.id });
    for (const id of [api.id, 999_999]) {
      const state = await sendEnquiry(id, initialFormState, form({ phone: "605 100 300" }));
      expect(state.status).toBe("error");
    }
    expect(await db().select().from(customers).where(eq(customers.phone, "+48605100300"))).toEqual([]);
  });
});
