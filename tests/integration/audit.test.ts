import { asc, desc, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { auditEvents, users, userShowrooms, type AuditEvent } from "@/db/schema";
import { expireAuditEvents } from "@/lib/audit/expiry";
import { describeEvent } from "@/lib/audit/format";
import { listAuditEvents } from "@/lib/audit/queries";
import { recordEvent } from "@/lib/audit/record";
import { parseAuditFilters } from "@/lib/audit/schema";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { changeRole, createUser, resetPassword, resetTwoFactor, setActive, unblockSignIn } from "@/lib/users/mutations";
import { runBackgroundPass } from "@/lib/notifications/worker";
import { useTestDatabase } from "../support/database";
import { authenticatorCode } from "../support/authenticator";
import { insertUser, PASSWORD, type TestUser } from "../support/fixtures";

const db = useTestDatabase();

let admin: TestUser;
beforeAll(async () => {
  admin = await insertUser("admin");
  THROTTLE.delayStepMs = 1;
});

const newestFirst = async (since: number) =>
  (await db().select().from(auditEvents).orderBy(asc(auditEvents.id))).filter((event) => event.id > since);
const lastId = async () =>
  (await db().select({ id: auditEvents.id }).from(auditEvents)).reduce((max, row) => Math.max(max, row.id), 0);
const shape = (event: AuditEvent) => [
  event.kind,
  event.userId,
  event.details && JSON.parse(event.details),
  event.address,
];

describe("what is logged", () => {
  test("sign-ins and failed sign-ins, with the address and why it failed", async () => {
    const user = await insertUser("salesperson");
    const inactive = await insertUser("salesperson", { active: false });
    const since = await lastId();
    const address = "203.0.113.7";
    const signIn = (email: string, password: string) => attemptSignIn({ step: "password", email, password, address });
    expect((await signIn(user.email, PASSWORD)).result).toBe("signed-in");
    expect((await signIn(user.email, "zle-haslo")).result).toBe("refused");
    expect((await signIn("nikt@salon.pl", "zle-haslo")).result).toBe("refused");
    expect((await signIn(inactive.email, PASSWORD)).result).toBe("refused");
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) await signIn("zamek@salon.pl", "x");
    expect(await signIn("zamek@salon.pl", "x")).toMatchObject({ result: "refused", reason: "blocked" });

    const events = (await newestFirst(since)).map(shape);
    expect(events.slice(0, 4)).toEqual([
      ["sign_in", user.id, { email: user.email }, address],
      ["sign_in_failed", user.id, { email: user.email, reason: "invalid" }, address],
      ["sign_in_failed", null, { email: "nikt@salon.pl", reason: "invalid" }, address],
      ["sign_in_failed", inactive.id, { email: inactive.email, reason: "inactive" }, address],
    ]);
    expect(events.at(-1)).toEqual(["sign_in_failed", null, { email: "zamek@salon.pl", reason: "locked" }, address]);
    expect(events).toHaveLength(4 + THROTTLE.perAccountAndAddress + 1);
  });

  test("with two-step sign-in, the code's outcome is the sign-in; the right password alone is none yet", async () => {
    const secret = "JBSWY3DPEHPK3PXP";
    const user = await insertUser("manager");
    await transaction((tx) => tx.update(users).set({ totpSecret: secret }).where(eq(users.id, user.id)));
    const since = await lastId();
    const address = "203.0.113.8";
    const passed = await attemptSignIn({ step: "password", email: user.email, password: PASSWORD, address });
    expect(passed.result).toBe("code-needed");
    expect(await newestFirst(since)).toEqual([]);
    const wrong = await attemptSignIn({ step: "code", userId: user.id, code: "000000", address });
    expect(wrong).toEqual({ result: "refused", reason: "invalid" });
    const right = await attemptSignIn({ step: "code", userId: user.id, code: authenticatorCode(secret), address });
    expect(right.result).toBe("signed-in");
    expect((await newestFirst(since)).map(shape)).toEqual([
      ["sign_in_failed", user.id, { email: user.email, reason: "invalid" }, address],
      ["sign_in", user.id, { email: user.email }, address],
    ]);
  });

  test("user and role changes, by the administrator who made them; a change to the same value is none", async () => {
    const [first] = await getDb().select({ showroomId: userShowrooms.showroomId }).from(userShowrooms).limit(1);
    const since = await lastId();
    const user = await createUser({
      actor: admin,
      input: {
        name: "Nowa Osoba",
        email: "nowa.osoba@salon.pl",
        password: "dobre-haslo-1",
        role: "salesperson",
        showroomIds: [first.showroomId],
      },
    });
    await changeRole({ actor: admin, id: user.id, role: "manager" });
    await changeRole({ actor: admin, id: user.id, role: "manager" });
    await setActive({ actor: admin, id: user.id, active: false });
    await setActive({ actor: admin, id: user.id, active: true });
    await resetPassword({ actor: admin, id: user.id, password: "inne-haslo-12" });
    await unblockSignIn({ actor: admin, id: user.id });
    await resetTwoFactor({ actor: admin, id: user.id });
    expect((await newestFirst(since)).map((event) => [event.kind, event.userId, JSON.parse(event.details!)])).toEqual([
      ["user_created", admin.id, { targetUserId: user.id, role: "salesperson" }],
      ["user_role_changed", admin.id, { targetUserId: user.id, from: "salesperson", to: "manager" }],
      ["user_deactivated", admin.id, { targetUserId: user.id }],
      ["user_reactivated", admin.id, { targetUserId: user.id }],
      ["user_password_reset", admin.id, { targetUserId: user.id }],
      ["user_sign_in_unblocked", admin.id, { targetUserId: user.id }],
      ["user_two_factor_reset", admin.id, { targetUserId: user.id }],
    ]);
  });

  test("an event is part of its transaction: rolled back with it", async () => {
    const since = await lastId();
    await expect(
      transaction(async (tx) => {
        await recordEvent(tx, { kind: "settings_changed", userId: admin.id, address: null });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await newestFirst(since)).toEqual([]);
  });

  test("the database refuses to change an event", async () => {
    const [event] = await transaction(async (tx) => {
      await recordEvent(tx, { kind: "sign_in", userId: admin.id, address: "192.0.2.1" });
      return tx.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    });
    expect(event).toMatchObject({ kind: "sign_in", address: "192.0.2.1" });
    const attempt = await transaction((tx) =>
      tx.update(auditEvents).set({ address: "10.0.0.1" }).where(eq(auditEvents.id, event.id)).returning(),
    ).then(
      () => "changed",
      // The trigger's refusal: SQLite's message, or on PostgreSQL the cause of drizzle's "Failed query".
      (error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message ?? ""}`,
    );
    expect(attempt).toMatch(/append-only/);
    const [after] = await db().select().from(auditEvents).where(eq(auditEvents.id, event.id));
    expect(after.address).toBe("192.0.2.1");
  });
});

describe("Dziennik zdarzeń", () => {
  test("filters by user, kind and local dates (both ends included), newest first, a page at a time", async () => {
    const someone = await insertUser("manager");
    const at = (iso: string) => new Date(iso);
    await transaction(async (tx) => {
      // 2025-06-30 23:30 in Warsaw is 21:30 UTC: still June there.
      await recordEvent(tx, {
        kind: "stats_export",
        userId: someone.id,
        address: null,
        at: at("2025-06-30T21:30:00Z"),
        details: { table: "lejek", from: "2025-06-01", to: "2025-06-30" },
      });
      await recordEvent(tx, {
        kind: "file_download",
        userId: someone.id,
        address: null,
        at: at("2025-06-30T22:30:00Z"),
        details: { fileId: 1, name: "a.pdf" },
      });
      for (let i = 0; i < 55; i++) {
        await recordEvent(tx, {
          kind: "file_download",
          userId: someone.id,
          address: null,
          at: at(`2025-07-02T10:${String(i).padStart(2, "0")}:00Z`),
          details: { fileId: i, name: `p${i}.pdf` },
        });
      }
    });
    const list = (params: Record<string, string>, viewer = admin) =>
      listAuditEvents({ viewer, filters: parseAuditFilters(params) });

    const june = await list({ uzytkownik: String(someone.id), od: "2025-06-30", do: "2025-06-30" });
    expect(june.rows.map((row) => [row.event.kind, row.userName])).toEqual([["stats_export", someone.name]]);
    const july = await list({ uzytkownik: String(someone.id), rodzaj: "file_download", od: "2025-07-01" });
    expect(july.total).toBe(56);
    expect(july.pages).toBe(2);
    expect(JSON.parse(july.rows[0].event.details!).name).toBe("p54.pdf");
    const second = await list({
      uzytkownik: String(someone.id),
      rodzaj: "file_download",
      od: "2025-07-01",
      strona: "2",
    });
    expect(second.rows.map((row) => JSON.parse(row.event.details!).name)).toEqual([
      "p4.pdf",
      "p3.pdf",
      "p2.pdf",
      "p1.pdf",
      "p0.pdf",
      "a.pdf",
    ]);
    // Nonsense in the query string is ignored, not an error.
    expect(
      (await list({ uzytkownik: String(someone.id), rodzaj: "nie-ma", od: "2025-02-30", strona: "-1" })).total,
    ).toBe(57);
    // Not an administrator: nothing.
    expect((await list({}, someone)).rows).toEqual([]);
  });

  test("each event reads as a Polish sentence", () => {
    const names = new Map([[7, "Ewa Nowak"]]);
    const nameOf = (id: number) => names.get(id);
    const event = (kind: AuditEvent["kind"], details: object, customerId: number | null = null) => ({
      kind,
      details: JSON.stringify(details),
      customerId,
    });
    expect(
      describeEvent(event("user_role_changed", { targetUserId: 7, from: "salesperson", to: "manager" }), nameOf),
    ).toBe("Rola Ewa Nowak: Sprzedawca → Kierownik");
    expect(describeEvent(event("sign_in_failed", { email: "x@y.pl", reason: "locked" }), nameOf)).toBe(
      "Nieudane logowanie na x@y.pl (logowanie z tego adresu zablokowane)",
    );
    expect(describeEvent(event("user_two_factor_reset", { targetUserId: 7 }), nameOf)).toBe(
      "Wyłączono weryfikację dwuetapową: Ewa Nowak",
    );
    expect(describeEvent(event("consents_changed", { source: "lead_api", email: true, sms: false }, 12), nameOf)).toBe(
      "Zgody klienta #12: SMS: wycofana, e-mail: udzielona (źródło: Lead API)",
    );
    expect(describeEvent({ kind: "user_deactivated", details: "{broken", customerId: null }, nameOf)).toBe(
      "Dezaktywowano —",
    );
  });
});

describe("expiry", () => {
  test("events older than AUDIT_DAYS go, newer ones stay; the background pass does it", async () => {
    const now = new Date("2031-01-01T12:00:00Z");
    const day = 24 * 60 * 60_000;
    await transaction(async (tx) => {
      await recordEvent(tx, {
        kind: "sign_in",
        userId: admin.id,
        address: "old",
        at: new Date(now.getTime() - 366 * day),
      });
      await recordEvent(tx, {
        kind: "sign_in",
        userId: admin.id,
        address: "kept",
        at: new Date(now.getTime() - 364 * day),
      });
    });
    await runBackgroundPass(now);
    const addresses = (
      await getDb().select({ address: auditEvents.address }).from(auditEvents).where(eq(auditEvents.kind, "sign_in"))
    ).map((row) => row.address);
    expect(addresses).toContain("kept");
    expect(addresses).not.toContain("old");
    // A shorter setting removes more.
    expect(await expireAuditEvents({ now, days: 1 })).toBeGreaterThan(0);
    expect(
      (await getDb().select().from(auditEvents)).every((event) => event.createdAt.getTime() >= now.getTime() - day),
    ).toBe(true);
  });
});
