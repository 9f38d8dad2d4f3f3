// The large database of `npm run bench`: written with prepared statements in big transactions, after
// openDatabase() applied the real migrations.
import crypto from "node:crypto";
import { openDatabase } from "@/db/client";
import { hashPasswordSync } from "@/lib/auth/password";
import { LEAD_SOURCES, NOTE_TYPES, TASK_GOALS, type ProcessStatus } from "@/lib/domain";

export const BENCH_PASSWORD = "bench-haslo-123";

/** 33 users: an administrator, two managers and 30 salespeople (the mix's virtual salespeople). */
export const SIZES = { users: 33, processes: 50_000, notes: 500_000, tasks: 150_000, showrooms: 3 };

export type Seeded = {
  file: string;
  ms: number;
  counts: Record<"users" | "customers" | "processes" | "processEvents" | "notes" | "tasks" | "showrooms", number>;
  /** The process with exactly 50 notes and 10 tasks. */
  benchProcessId: number;
  /** Owner of the bench process, with a realistic number of planned tasks. */
  salesperson: BenchUser;
  /** Manages the bench salesperson's showroom, one of three. */
  manager: BenchUser;
  admin: BenchUser;
  /** Every salesperson, the bench salesperson first. */
  salespeople: BenchUser[];
  salespersonPlannedTasks: number;
};

/** A user of the large database, signed in: `sessionId` names an open session (for a cookie the bench mints). */
export type BenchUser = { id: number; name: string; email: string; role: string; sessionId: string };

const DAY = 24 * 60 * 60 * 1000;
const FIRST_NAMES = [
  "Anna",
  "Piotr",
  "Katarzyna",
  "Tomasz",
  "Magdalena",
  "Michał",
  "Agnieszka",
  "Paweł",
  "Ewa",
  "Łukasz",
  "Zofia",
  "Jan",
];
const LAST_NAMES = [
  "Nowak",
  "Kowalski",
  "Wiśniewska",
  "Wójcik",
  "Kamińska",
  "Lewandowski",
  "Zielińska",
  "Szymański",
  "Woźniak",
  "Dąbrowski",
];
const CARS = [
  ["Skoda", "Octavia"],
  ["Toyota", "Corolla"],
  ["Kia", "Sportage"],
  ["Volkswagen", "Golf"],
  ["Hyundai", "Tucson"],
  ["Dacia", "Duster"],
] as const;
const PHRASES = [
  "Klient pyta o termin dostawy i możliwość finansowania w leasingu.",
  "Rozmowa o wersji wyposażenia, zainteresowany pakietem zimowym.",
  "Wysłano ofertę z rabatem flotowym, czeka na decyzję zarządu.",
  "Jazda próbna zakończona, klient porówna z konkurencją.",
  "Prośba o wycenę auta w rozliczeniu, umówiono oględziny.",
  "Klient nie odbiera, ponowić kontakt po weekendzie.",
];

/** A small fast deterministic generator (mulberry32), so every run seeds the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATH: ProcessStatus[] = ["new", "in_progress", "offer", "order", "delivered"];

export function seedLargeDatabase(file: string, now = Date.now()): Seeded {
  const started = performance.now();
  const db = openDatabase(file);
  const sqlite = db.$client;
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -200000");
  const rnd = random(8);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (from: number, to: number) => from + Math.floor(rnd() * (to - from + 1));

  // ---------------------------------------------------------------- showrooms: the migration made the first
  const showroomNames = ["Salon Centrum", "Salon Północ", "Salon Południe"].slice(0, SIZES.showrooms);
  sqlite.prepare("update showrooms set name = ? where id = 1").run(showroomNames[0]);
  const insertShowroom = sqlite.prepare("insert into showrooms (id, name) values (?, ?)");
  for (let id = 2; id <= showroomNames.length; id++) insertShowroom.run(id, showroomNames[id - 1]);
  /** Who works where: the admin everywhere, the two managers (ids 2, 3) and the salespeople spread by id. */
  const showroomOf = (userId: number) => (userId === 2 ? 1 : userId === 3 ? 2 : ((userId - 4) % SIZES.showrooms) + 1);
  const insertMembership = sqlite.prepare("insert into user_showrooms (user_id, showroom_id) values (?, ?)");

  // ---------------------------------------------------------------- users
  const hash = hashPasswordSync(BENCH_PASSWORD);
  const insertUser = sqlite.prepare(
    "insert into users (id, name, email, password_hash, role, active, created_at) values (?, ?, ?, ?, ?, 1, ?)",
  );
  const insertSession = sqlite.prepare(
    "insert into sessions (id, user_id, created_at, expires_at) values (?, ?, ?, ?)",
  );
  const users: BenchUser[] = [];
  sqlite.transaction(() => {
    for (let id = 1; id <= SIZES.users; id++) {
      const role = id === 1 ? "admin" : id <= 3 ? "manager" : "salesperson";
      const name = `${FIRST_NAMES[id % FIRST_NAMES.length]} ${LAST_NAMES[id % LAST_NAMES.length]} ${id}`;
      const email =
        id === 4
          ? "sprzedawca@bench.test"
          : id === 2
            ? "kierownik@bench.test"
            : id === 1
              ? "admin@bench.test"
              : `user${id}@bench.test`;
      insertUser.run(id, name, email, hash, role, now - 800 * DAY);
      if (id === 1)
        for (let showroom = 1; showroom <= showroomNames.length; showroom++) insertMembership.run(id, showroom);
      else insertMembership.run(id, showroomOf(id));
      const sessionId = crypto.randomBytes(32).toString("base64url");
      insertSession.run(sessionId, id, Date.now(), Date.now() + 7 * DAY);
      users.push({ id, name, email, role, sessionId });
    }
  })();
  const salesperson = users[3];
  const salespeople = users.filter((user) => user.role === "salesperson" && user.id !== salesperson.id);

  // ---------------------------------------------------------------- customers, processes, events, tasks, notes
  const insertCustomer = sqlite.prepare(
    "insert into customers (id, first_name, last_name, phone, email, created_at) values (?, ?, ?, ?, ?, ?)",
  );
  const insertConsent = sqlite.prepare(
    "insert into consent_records (customer_id, channel, granted, source, recorded_at) values (?, ?, 1, 'showroom', ?)",
  );
  const insertProcess = sqlite.prepare(
    `insert into processes (id, customer_id, brand, model, vehicle_notes, source, owner_id, status, resignation_reason, created_by_id, created_at, updated_at, last_activity_at, showroom_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    "insert into process_events (process_id, user_id, kind, from_value, to_value, reason, created_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertTask = sqlite.prepare(
    `insert into tasks (id, process_id, assignee_id, planned_by_id, goal, remind_about, all_day, due_date, start_at, end_at, due_at, state, done_at, done_by_id, reminded_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNote = sqlite.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, notify_owner, task_id, created_at) values (?, ?, ?, ?, ?, 0, ?, ?)",
  );

  const counts = {
    users: users.length,
    customers: 0,
    processes: 0,
    processEvents: 0,
    notes: 0,
    tasks: 0,
    showrooms: showroomNames.length,
  };
  let taskId = 0;
  let salespersonPlannedTasks = 0;
  const benchProcessId = 1;
  const SALESPERSON_OPEN = 80; // open processes of the bench salesperson, one planned task each
  const SALESPERSON_CLOSED = 400;

  // Exactly SIZES.tasks and SIZES.notes in all: the bench process and the bench salesperson's closed
  // processes differ from the usual 3 tasks and 10 notes, the next processes make up the difference.
  const TASK_FILL = 10 - 3 - SALESPERSON_CLOSED; // bench process +7, closed ones of the salesperson -1 each
  const tasksOf = (id: number, ownedBySalesperson: boolean, open: boolean) => {
    if (id === benchProcessId) return 10;
    if (ownedBySalesperson) return open ? 3 : 2;
    const fillFrom = SALESPERSON_OPEN + SALESPERSON_CLOSED + 1;
    return id < fillFrom - TASK_FILL ? 4 : 3; // -TASK_FILL processes right after get 4
  };
  const notesOf = (id: number) => (id === benchProcessId ? 50 : id <= 41 ? 9 : 10);

  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  function seedProcess(id: number) {
    const bench = id === benchProcessId;
    const ownedBySalesperson = id <= SALESPERSON_OPEN + SALESPERSON_CLOSED;
    const owner = ownedBySalesperson ? salesperson : salespeople[id % salespeople.length];
    // Status: the bench salesperson's first processes are open; the rest mostly closed history.
    let status: ProcessStatus;
    if (bench) status = "in_progress";
    else if (ownedBySalesperson)
      status =
        id <= SALESPERSON_OPEN
          ? pick(["new", "in_progress", "in_progress", "offer", "order"] as const)
          : pick(["delivered", "resigned"] as const);
    else {
      const r = rnd();
      status =
        r < 0.08
          ? "new"
          : r < 0.2
            ? "in_progress"
            : r < 0.27
              ? "offer"
              : r < 0.3
                ? "order"
                : r < 0.62
                  ? "delivered"
                  : "resigned";
    }
    const open = status !== "delivered" && status !== "resigned";
    const createdAt = open ? now - int(1, 120) * DAY - int(0, DAY) : now - int(30, 730) * DAY;
    const [brand, model] = pick(CARS);
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    insertCustomer.run(id, first, last, `+48${500000000 + id}`, `klient${id}@example.pl`, createdAt);
    insertConsent.run(id, "phone", createdAt);
    if (rnd() < 0.5) insertConsent.run(id, "email", createdAt);
    counts.customers++;

    // Status history: created, then the path up to the status (resigned leaves from a random point).
    let at = createdAt;
    const history: [ProcessStatus, ProcessStatus, number, string | null][] = [];
    const target = status === "resigned" ? PATH[int(0, 3)] : status;
    for (let step = 1; step <= PATH.indexOf(target); step++) {
      at += int(1, 6) * DAY;
      history.push([PATH[step - 1], PATH[step], at, null]);
    }
    if (status === "resigned") {
      at += int(1, 10) * DAY;
      history.push([target, "resigned", at, "Klient kupił gdzie indziej"]);
    }
    const lastEventAt = open ? Math.min(at, now - DAY) : at;
    insertProcess.run(
      id,
      id,
      brand,
      model,
      rnd() < 0.3 ? "Kolor biały, automat" : null,
      pick(LEAD_SOURCES),
      owner.id,
      status,
      status === "resigned" ? "Klient kupił gdzie indziej" : null,
      owner.id,
      createdAt,
      lastEventAt,
      lastEventAt,
      showroomOf(owner.id),
    );
    counts.processes++;
    insertEvent.run(id, owner.id, "created", null, "new", null, createdAt);
    counts.processEvents++;
    for (const [from, to, when, reason] of history) {
      insertEvent.run(id, owner.id, "status", from, to, reason, Math.min(when, lastEventAt));
      counts.processEvents++;
    }

    // Tasks: done ones in the past (each reported by a note), open processes have one planned task.
    const taskCount = tasksOf(id, ownedBySalesperson, open);
    const doneTasks = bench ? 7 : open ? taskCount - 1 : taskCount;
    const taskIds: number[] = [];
    for (let i = 0; i < taskCount; i++) {
      const done = i < doneTasks;
      const allDay = rnd() < 0.3;
      const due = done
        ? createdAt + (i + 1) * Math.max(1, (lastEventAt - createdAt) / (taskCount + 1))
        : now + int(-5, 21) * DAY + int(-4, 4) * 3600_000;
      const start = allDay ? null : Math.round(due / 900_000) * 900_000;
      taskId++;
      insertTask.run(
        taskId,
        id,
        owner.id,
        owner.id,
        pick(TASK_GOALS),
        rnd() < 0.3 ? "Przypomnieć o dokumentach" : null,
        allDay ? 1 : 0,
        allDay ? ymd(due) : null,
        start,
        start === null ? null : start + 3600_000,
        allDay ? Date.parse(`${ymd(due)}T00:00:00Z`) : start,
        done ? "done" : "planned",
        done ? due + 3600_000 : null,
        done ? owner.id : null,
        done ? due : null,
        Math.max(createdAt, due - 3 * DAY),
      );
      counts.tasks++;
      if (done) taskIds.push(taskId);
      else if (owner === salesperson) salespersonPlannedTasks++;
    }

    // Notes: reports of done tasks, then free notes up to the count.
    const noteCount = notesOf(id);
    for (let i = 0; i < noteCount; i++) {
      const when = createdAt + ((lastEventAt - createdAt) * (i + 1)) / (noteCount + 1);
      insertNote.run(
        id,
        owner.id,
        rnd() < 0.3 ? "customer" : "dealer",
        pick(NOTE_TYPES),
        `${pick(PHRASES)} (${id}/${i})`,
        taskIds[i] ?? null,
        Math.round(when),
      );
      counts.notes++;
    }
  }

  const batch = sqlite.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id++) seedProcess(id);
  });
  const BATCH = 10_000;
  for (let from = 1; from <= SIZES.processes; from += BATCH) batch(from, Math.min(SIZES.processes, from + BATCH - 1));

  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("analyze");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return {
    file,
    ms: performance.now() - started,
    counts,
    benchProcessId,
    salesperson,
    manager: users[1],
    admin: users[0],
    salespeople: [salesperson, ...salespeople],
    salespersonPlannedTasks,
  };
}
