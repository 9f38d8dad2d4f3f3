import { getDb, transaction } from "@/db/client";
import { customers, notes, processEvents, processes, showrooms, tasks, type User } from "@/db/schema";
import type { Initiative, NoteType, ProcessStatus } from "@/lib/domain";
import { buildFunnel, reduceHistory } from "@/lib/stats/funnel";
import { periodOf } from "@/lib/stats/period";
import { toCsv } from "@/lib/stats/csv";
import { activityByUser, activityPerDay, salesFunnel, totalOf } from "@/lib/stats/queries";
import { activityTable, daysTable, funnelTable } from "@/lib/stats/tables";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

useTestDatabase();

// March 2026 in Warsaw; "now" is 2026-03-20 12:00 local.
const march = periodOf("miesiac", "2026-03-01", "2026-03-31", "Europe/Warsaw");
const now = new Date("2026-03-20T11:00:00Z");
const at = (iso: string) => new Date(iso);

let manager: User;
let anna: User;
let bartek: User;
let customerId: number;
let firstShowroomId: number;

/** A process with its history of status changes, written in one transaction. */
function process(owner: User, createdAt: string, history: [ProcessStatus, string, string?][] = []): Promise<number> {
  const created = at(createdAt);
  const last = history.at(-1)?.[0] ?? "new";
  return transaction(async (tx) => {
    const [{ id }] = await tx
      .insert(processes)
      .values({
        customerId,
        source: "showroom",
        showroomId: firstShowroomId,
        ownerId: owner.id,
        status: last,
        createdAt: created,
        updatedAt: created,
        lastActivityAt: created,
      })
      .returning({ id: processes.id });
    await tx
      .insert(processEvents)
      .values({ processId: id, userId: owner.id, kind: "created", toValue: "new", createdAt: created });
    let from: ProcessStatus = "new";
    for (const [to, when, reason] of history) {
      await tx.insert(processEvents).values({
        processId: id,
        userId: owner.id,
        kind: "status",
        fromValue: from,
        toValue: to,
        reason,
        createdAt: at(when),
      });
      from = to;
    }
    return id;
  });
}

async function note(
  author: User,
  processId: number,
  createdAt: string,
  type: NoteType = "phone",
  initiative: Initiative = "dealer",
) {
  await transaction((tx) =>
    tx
      .insert(notes)
      .values({ processId, authorId: author.id, type, initiative, content: "kontakt", createdAt: at(createdAt) }),
  );
}

async function task(assignee: User, processId: number, values: Partial<typeof tasks.$inferInsert>) {
  await transaction((tx) =>
    tx.insert(tasks).values({
      processId,
      assigneeId: assignee.id,
      plannedById: assignee.id,
      goal: "phone_contact",
      dueAt: at("2026-03-10T09:00:00Z"),
      ...values,
    }),
  );
}

beforeAll(async () => {
  manager = await insertUser("manager", { name: "Maria Kierownik" });
  anna = await insertUser("salesperson", { name: "Anna Sprzedawca" });
  bartek = await insertUser("salesperson", { name: "Bartek Sprzedawca" });
  customerId = (
    await transaction((tx) => tx.insert(customers).values({ lastName: "Kowalski" }).returning({ id: customers.id }))
  )[0].id;
  [{ id: firstShowroomId }] = await getDb().select({ id: showrooms.id }).from(showrooms);

  // Anna's processes created in March: went back, skipped, resigned then reopened, resigned, delivered.
  const wentBack = await process(anna, "2026-03-02T09:00:00Z", [
    ["in_progress", "2026-03-03T09:00:00Z"],
    ["offer", "2026-03-04T09:00:00Z"],
    ["in_progress", "2026-03-05T09:00:00Z"],
  ]);
  await process(anna, "2026-03-02T10:00:00Z", [
    ["offer", "2026-03-03T10:00:00Z"],
    ["delivered", "2026-03-06T10:00:00Z"],
  ]); // skipped W trakcie and Zamówienie; 4 days to Wydany
  await process(anna, "2026-03-03T10:00:00Z", [
    ["in_progress", "2026-03-04T10:00:00Z"],
    ["resigned", "2026-03-05T10:00:00Z", "Za drogo"],
    ["offer", "2026-03-06T10:00:00Z"],
  ]); // resigned then reopened: not resigned
  await process(anna, "2026-03-04T10:00:00Z", [
    ["in_progress", "2026-03-05T10:00:00Z"],
    ["offer", "2026-03-06T10:00:00Z"],
    ["resigned", "2026-03-07T10:00:00Z", "  za   DROGO "],
  ]);
  // Bartek's: one delivered in 2 days, one resigned from Nowy, one created in February and delivered in March.
  await process(bartek, "2026-03-10T10:00:00Z", [
    ["in_progress", "2026-03-11T10:00:00Z"],
    ["order", "2026-03-11T12:00:00Z"],
    ["delivered", "2026-03-12T10:00:00Z"],
  ]);
  await process(bartek, "2026-03-11T10:00:00Z", [["resigned", "2026-03-12T10:00:00Z", "Kupił gdzie indziej"]]);
  const february = await process(bartek, "2026-02-20T10:00:00Z", [
    ["order", "2026-02-25T10:00:00Z"],
    ["delivered", "2026-03-15T10:00:00Z"],
  ]);
  // A process created by the end of March local time (00:30 on April 1st in Warsaw is April).
  await process(anna, "2026-03-31T22:30:00Z");

  // Notes: Anna 3 in March (2 phone/dealer, 1 test drive/customer), 1 in February; Bartek 1 e-mail/customer.
  await note(anna, wentBack, "2026-03-02T09:30:00Z");
  await note(anna, wentBack, "2026-03-31T21:59:00Z"); // 23:59 local on March 31st
  await note(anna, wentBack, "2026-03-05T09:30:00Z", "test_drive", "customer");
  await note(anna, wentBack, "2026-02-28T22:59:00Z"); // 23:59 on February 28th local
  await note(bartek, february, "2026-03-15T09:00:00Z", "email", "customer");

  // Tasks: Anna did 2 in March (one on Bartek's process), Bartek 1 in February.
  await task(anna, wentBack, { state: "done", doneById: anna.id, doneAt: at("2026-03-05T09:30:00Z") });
  await task(bartek, february, { state: "done", doneById: anna.id, doneAt: at("2026-03-06T09:30:00Z") });
  await task(bartek, february, { state: "done", doneById: bartek.id, doneAt: at("2026-02-26T09:30:00Z") });
  // Overdue now: Anna's timed task from yesterday and all-day task of yesterday; not her all-day task of today,
  // nor a timed one later today, nor a done one.
  await task(anna, wentBack, { dueAt: at("2026-03-19T09:00:00Z"), startAt: at("2026-03-19T09:00:00Z") });
  await task(anna, wentBack, { allDay: true, dueDate: "2026-03-19", dueAt: at("2026-03-18T23:00:00Z") });
  await task(anna, wentBack, { allDay: true, dueDate: "2026-03-20", dueAt: at("2026-03-19T23:00:00Z") });
  await task(anna, wentBack, { dueAt: at("2026-03-20T15:00:00Z"), startAt: at("2026-03-20T15:00:00Z") });
  await task(bartek, february, {
    dueAt: at("2026-03-01T09:00:00Z"),
    state: "done",
    doneById: bartek.id,
    doneAt: at("2026-02-27T09:00:00Z"),
  });
});

describe("activityByUser", () => {
  test("counts notes by type and initiative, tasks done and overdue, processes created, delivered and resigned", async () => {
    const rows = await activityByUser({ viewer: manager, period: march, now });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(Object.keys(byName)).toEqual(["Anna Sprzedawca", "Bartek Sprzedawca", "Maria Kierownik"]);
    expect(byName["Anna Sprzedawca"]).toMatchObject({
      notes: 3,
      byType: { phone: 2, test_drive: 1, email: 0 },
      byInitiative: { dealer: 2, customer: 1 },
      tasksDone: 2,
      tasksOverdue: 2,
      processesCreated: 4,
      delivered: 1,
      resigned: 2,
    });
    expect(byName["Bartek Sprzedawca"]).toMatchObject({
      notes: 1,
      byType: { email: 1 },
      byInitiative: { customer: 1, dealer: 0 },
      tasksDone: 0,
      tasksOverdue: 0,
      processesCreated: 2,
      delivered: 2,
      resigned: 1,
    });
    expect(totalOf(rows)).toMatchObject({
      notes: 4,
      tasksDone: 2,
      tasksOverdue: 2,
      processesCreated: 6,
      delivered: 3,
      resigned: 3,
    });
  });

  test("a salesperson gets their own row only, whatever user they ask for", async () => {
    const rows = await activityByUser({ viewer: bartek, period: march, userId: anna.id, now });
    expect(rows.map((r) => r.name)).toEqual(["Bartek Sprzedawca"]);
  });

  test("per day: local days, each count on its day", async () => {
    const days = await activityPerDay({ viewer: manager, userId: anna.id, period: march });
    expect(days).toHaveLength(31);
    const day = (date: string) => days.find((d) => d.date === date);
    expect(day("2026-03-02")).toEqual({
      date: "2026-03-02",
      notes: 1,
      customer: 0,
      dealer: 1,
      tasksDone: 0,
      processesCreated: 2,
    });
    expect(day("2026-03-05")).toMatchObject({ notes: 1, customer: 1, tasksDone: 1 });
    expect(day("2026-03-31")).toMatchObject({ notes: 1, processesCreated: 0 });
    expect(days.reduce((sum, d) => sum + d.notes, 0)).toBe(3);
  });
});

describe("salesFunnel", () => {
  test("counts reached stages from the history: went back, skipped, resigned and reopened", async () => {
    const funnel = await salesFunnel({ viewer: manager, period: march, ownerId: anna.id });
    expect(funnel.total).toBe(4);
    // went back (reached Oferta), skipped (all to Wydany), reopened (Oferta), resigned from Oferta
    expect(funnel.stages.map((s) => s.count)).toEqual([4, 4, 4, 1, 1]);
    expect(funnel.stages.map((s) => s.fromPrevious)).toEqual([null, 1, 1, 0.25, 1]);
    expect(funnel.overall).toBe(0.25);
    expect(funnel.resigned).toBe(1);
    expect(funnel.resignedFrom.find((r) => r.stage === "offer")?.count).toBe(1);
    expect(funnel.reasons).toEqual([{ reason: "za DROGO", count: 1 }]);
    expect(funnel.medianToDeliveredMs).toBe(4 * 86_400_000);
  });

  test("for everyone: resignation stages, merged reasons and the median of an even count", async () => {
    const funnel = await salesFunnel({ viewer: manager, period: march });
    expect(funnel.total).toBe(6);
    expect(funnel.stages.map((s) => s.count)).toEqual([6, 5, 5, 2, 2]);
    expect(funnel.resignedFrom.map((r) => r.count)).toEqual([1, 0, 1, 0]);
    expect(funnel.reasons.map((r) => r.count)).toEqual([1, 1]);
    // 4 days and 2 days
    expect(funnel.medianToDeliveredMs).toBe(3 * 86_400_000);
  });

  test("active in the period includes February's process delivered in March", async () => {
    const funnel = await salesFunnel({ viewer: manager, period: march, mode: "aktywne", ownerId: bartek.id });
    expect(funnel.total).toBe(3);
    expect(funnel.stages.map((s) => s.count)).toEqual([3, 2, 2, 2, 2]);
    expect(funnel.resignedFrom[0].count).toBe(1);
  });

  test("a salesperson's funnel holds their own processes only", async () => {
    expect((await salesFunnel({ viewer: bartek, period: march, ownerId: anna.id })).total).toBe(2);
  });

  test("an empty period is all zeroes and no median", async () => {
    const funnel = await salesFunnel({
      viewer: manager,
      period: periodOf("zakres", "2025-01-01", "2025-01-31", "Europe/Warsaw"),
    });
    expect(funnel.total).toBe(0);
    expect(funnel.medianToDeliveredMs).toBeNull();
  });
});

describe("CSV export", () => {
  const bytesOf = (csv: string) => Buffer.from(csv, "utf8");

  test("the activity table: UTF-8 with a BOM, ';' between cells, CRLF, Polish headers and a total row", async () => {
    const table = activityTable(await activityByUser({ viewer: manager, period: march, now }));
    const bytes = bytesOf(toCsv(table.header, table.rows));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe(
      "Użytkownik;Aktywność;Rodzaj notatki: Telefon;Rodzaj notatki: E-mail;Rodzaj notatki: SMS;Rodzaj notatki: Spotkanie w salonie;" +
        "Rodzaj notatki: Jazda próbna;Rodzaj notatki: Oferta;Rodzaj notatki: Wizyta u klienta;Rodzaj notatki: Inne;" +
        "Inicjatywa: Klient;Inicjatywa: Salon;Zadania wykonane;Zadania zaległe;Procesy utworzone;Wydane;Rezygnacje",
    );
    expect(lines[1]).toBe("Anna Sprzedawca;3;2;0;0;0;1;0;0;0;1;2;2;2;4;1;2");
    expect(lines[4]).toBe("Razem;4;2;1;0;0;1;0;0;0;2;2;2;2;6;3;3");
    expect(lines[5]).toBe("");
  });

  const csvOf = ({ header, rows }: { header: string[]; rows: (string | number | null)[][] }) => toCsv(header, rows);

  test("the funnel and the per-day table", async () => {
    const lines = csvOf(funnelTable(await salesFunnel({ viewer: manager, period: march, ownerId: anna.id })))
      .slice(1)
      .split("\r\n");
    expect(lines[0]).toBe("Etap;Liczba procesów;Konwersja z poprzedniego etapu (%);Udział we wszystkich (%)");
    expect(lines[1]).toBe("Nowy;4;;100");
    expect(lines[4]).toBe("Zamówienie;1;25;25");
    expect(lines).toContain("Konwersja Nowy → Wydany;;;25");
    expect(lines).toContain("Mediana czasu od utworzenia do wydania (dni);4;;");
    const days = csvOf(daysTable(await activityPerDay({ viewer: manager, userId: anna.id, period: march })));
    expect(days.slice(1).split("\r\n")[2]).toBe("2026-03-02;1;0;1;0;2");
  });
});

test("the SQL reduction agrees with reduceHistory on 300 random histories", async () => {
  let seed = 7;
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  const statuses: ProcessStatus[] = ["new", "in_progress", "offer", "order", "delivered", "resigned"];
  const histories: ProcessStatus[][] = [];
  const reasons = ["Za drogo", " za drogo", "Inny salon", "INNY  salon", null];
  const chosenReasons: (string | null)[] = [];
  for (let i = 0; i < 300; i++) {
    const created = Date.UTC(2025, 5, 1 + (i % 28), 8, i % 60);
    const history: [ProcessStatus, string, string?][] = [];
    const length = Math.floor(random() * 6);
    let reason: string | null = null;
    for (let step = 0; step < length; step++) {
      const to = statuses[Math.floor(random() * statuses.length)];
      reason = to === "resigned" ? reasons[Math.floor(random() * reasons.length)] : null;
      history.push([to, new Date(created + (step + 1) * 3_600_000).toISOString(), reason ?? undefined]);
    }
    await process(random() < 0.5 ? anna : bartek, new Date(created).toISOString(), history);
    histories.push(["new", ...history.map(([to]) => to)]);
    chosenReasons.push(history.at(-1)?.[0] === "resigned" ? reason : null);
  }
  const june = periodOf("miesiac", "2025-06-01", "2025-06-30", "Europe/Warsaw");
  const fromSql = await salesFunnel({ viewer: manager, period: june });
  const fromRule = buildFunnel(
    histories.map((history, i) => ({ ...reduceHistory(history), reason: chosenReasons[i], count: 1 })),
  );
  expect(fromSql.total).toBe(300);
  expect(fromSql.stages).toEqual(fromRule.stages);
  expect(fromSql.resignedFrom).toEqual(fromRule.resignedFrom);
  expect(fromSql.reasons.map((r) => r.count)).toEqual(fromRule.reasons.map((r) => r.count));
  expect(fromSql.resigned).toBeGreaterThan(10);
});
