// Times the statistics page's queries on a large temporary database (npx tsx --conditions=react-server
// scripts/stats-bench.ts [processes]). Seeds ~30,000 processes, ~300,000 notes, their status history and
// tasks over 12 months, then runs each query of a month's page for all users and prints milliseconds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PROCESSES = Number(process.argv[2] || 30_000);
const NOTES_PER_PROCESS = 10;
const USERS = 25;
const DAY = 86_400_000;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-bench-"));
  process.env.DATA_DIR = dir;
  process.env.TIMEZONE ??= "Europe/Warsaw";
  const { getDb, closeDb } = await import("@/db/client");
  const { activityByUser, activityPerDay, salesFunnel } = await import("@/lib/stats/queries");
  const { periodOf } = await import("@/lib/stats/period");
  const db = getDb();
  const sqlite = db.$client;

  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const yearStart = Date.UTC(2025, 11, 1);
  const now = Date.UTC(2026, 11, 1);

  const seeded = performance.now();
  sqlite.transaction(() => {
    const user = sqlite.prepare("INSERT INTO users (name, email, password_hash, role) VALUES (?, ?, 'x', ?)");
    for (let i = 1; i <= USERS; i++)
      user.run(`Użytkownik ${i}`, `u${i}@bench.test`, i === 1 ? "manager" : "salesperson");
    const customer = sqlite.prepare("INSERT INTO customers (last_name) VALUES (?)");
    const proc = sqlite.prepare(
      "INSERT INTO processes (customer_id, source, owner_id, status, resignation_reason, created_at, updated_at, last_activity_at) VALUES (?, 'showroom', ?, ?, ?, ?, ?, ?)",
    );
    const event = sqlite.prepare(
      "INSERT INTO process_events (process_id, user_id, kind, from_value, to_value, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const note = sqlite.prepare(
      "INSERT INTO notes (process_id, author_id, initiative, type, content, created_at) VALUES (?, ?, ?, ?, 'Rozmowa z klientem', ?)",
    );
    const task = sqlite.prepare(
      "INSERT INTO tasks (process_id, assignee_id, planned_by_id, goal, due_at, start_at, state, done_at, done_by_id) VALUES (?, ?, ?, 'phone_contact', ?, ?, ?, ?, ?)",
    );
    const path = ["new", "in_progress", "offer", "order", "delivered"];
    const types = ["phone", "email", "sms", "showroom_meeting", "test_drive", "offer", "customer_visit", "other"];
    const reasons = ["Za drogo", "za drogo ", "Kupił gdzie indziej", "Rezygnacja z zakupu", "Brak kontaktu"];
    for (let i = 0; i < PROCESSES; i++) {
      const owner = 2 + Math.floor(random() * (USERS - 1));
      const created = yearStart + Math.floor(random() * 365 * DAY);
      const customerId = Number(customer.run(`Klient ${i}`).lastInsertRowid);
      // a walk along the path, sometimes skipping or going back, sometimes resigning
      const history: string[] = [];
      let stage = 0;
      const steps = Math.floor(random() * 5);
      for (let s = 0; s < steps; s++) {
        const r = random();
        if (r < 0.1 && stage > 0) stage -= 1;
        else if (r < 0.25) stage = Math.min(4, stage + 2);
        else stage = Math.min(4, stage + 1);
        history.push(path[stage]);
        if (stage === 4) break;
      }
      const resigned = history.at(-1) !== "delivered" && random() < 0.3;
      if (resigned) history.push("resigned");
      const status = history.at(-1) ?? "new";
      const id = Number(
        proc.run(customerId, owner, status, resigned ? pick(reasons) : null, created, created, created).lastInsertRowid,
      );
      event.run(id, owner, "created", null, "new", null, created);
      let from = "new";
      let at = created;
      for (const to of history) {
        at += Math.floor(random() * 10 * DAY) + 60_000;
        event.run(id, owner, "status", from, to, to === "resigned" ? pick(reasons) : null, at);
        from = to;
      }
      for (let n = 0; n < NOTES_PER_PROCESS; n++) {
        note.run(
          id,
          random() < 0.9 ? owner : 1,
          random() < 0.4 ? "customer" : "dealer",
          pick(types),
          created + Math.floor(random() * 30 * DAY),
        );
      }
      const due = created + Math.floor(random() * 40 * DAY);
      const done = due < now && random() < 0.8;
      task.run(
        id,
        owner,
        owner,
        due,
        due,
        done ? "done" : "planned",
        done ? due + 3_600_000 : null,
        done ? owner : null,
      );
      task.run(id, owner, owner, due + 7 * DAY, due + 7 * DAY, "planned", null, null);
    }
  })();
  const counts = sqlite
    .prepare(
      "SELECT (SELECT count(*) FROM processes) p, (SELECT count(*) FROM notes) n, (SELECT count(*) FROM process_events) e, (SELECT count(*) FROM tasks) t",
    )
    .get();
  console.log(`seeded in ${Math.round(performance.now() - seeded)} ms:`, counts);

  const manager = { id: 1, role: "manager" as const };
  const month = periodOf("miesiac", "2026-06-01", "2026-06-30");
  const time = (label: string, run: () => unknown) => {
    run(); // warm the page cache and statement cache
    const runs: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      run();
      const c = process.cpuUsage(c0);
      runs.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    runs.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    // CPU time is the fairer number on a busy machine: wall time includes waiting for a core.
    console.log(
      `${label.padEnd(44)} wall median ${runs[3].toFixed(1)} ms (max ${runs[6].toFixed(1)}), CPU median ${cpu[3].toFixed(1)} ms`,
    );
  };
  const at = new Date(Date.UTC(2026, 5, 20, 12));
  time("activity per user (month, all users)", () => activityByUser({ viewer: manager, period: month, now: at }));
  time("funnel, created in the month (all users)", () => salesFunnel({ viewer: manager, period: month }));
  time("funnel, active in the month (all users)", () =>
    salesFunnel({ viewer: manager, period: month, mode: "aktywne" }),
  );
  time("activity per day, one user (month)", () => activityPerDay({ userId: 2, period: month }));
  time("funnel, created in the month (one user)", () => salesFunnel({ viewer: manager, period: month, ownerId: 2 }));
  time("whole month page (activity + funnel)", () => {
    activityByUser({ viewer: manager, period: month, now: at });
    salesFunnel({ viewer: manager, period: month });
  });
  closeDb();
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
