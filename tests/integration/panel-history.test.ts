import { getProcessPanel } from "@/lib/processes/panel";
import { insertUser, useTestDatabase } from "./helpers";

const db = useTestDatabase();

test("the panel reads the newest entries of notes and system entries together, and counts them all", () => {
  const seller = insertUser("salesperson");
  const sqlite = db().$client;
  const customer = sqlite
    .prepare("insert into customers (first_name, last_name) values ('Ala', 'Przeplatana')")
    .run().lastInsertRowid;
  const processId = Number(
    sqlite
      .prepare("insert into processes (customer_id, source, owner_id, status) values (?, 'showroom', ?, 'new')")
      .run(customer, seller.id).lastInsertRowid,
  );
  const start = Date.parse("2026-11-01T10:00:00Z");
  const note = sqlite.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, created_at) values (?, ?, 'dealer', 'phone', ?, ?)",
  );
  const event = sqlite.prepare(
    "insert into process_events (process_id, user_id, kind, from_value, to_value, created_at) values (?, ?, 'status', 'new', 'in_progress', ?)",
  );
  // Minutes 1–12: notes, except an event every third minute, and the newest three minutes all events.
  for (let minute = 1; minute <= 15; minute++) {
    const at = start + minute * 60_000;
    if (minute % 3 === 0 || minute > 12) event.run(processId, seller.id, at);
    else note.run(processId, seller.id, `Notatka ${minute}`, at);
  }

  const panel = getProcessPanel({ user: seller, id: processId, historyLimit: 5 })!;
  expect(panel.historyTotal).toBe(15);
  expect(panel.history.map((entry) => [entry.type, (entry.at.getTime() - start) / 60_000])).toEqual([
    ["event", 15],
    ["event", 14],
    ["event", 13],
    ["event", 12],
    ["note", 11],
  ]);
  const whole = getProcessPanel({ user: seller, id: processId })!;
  expect(whole.history).toHaveLength(15);
  expect(whole.historyTotal).toBe(15);
});
