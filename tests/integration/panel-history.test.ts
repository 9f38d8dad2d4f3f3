import { transaction } from "@/db/client";
import { processEvents } from "@/db/schema";
import { getProcessPanel } from "@/lib/processes/panel";
import { useTestDatabase } from "../support/database";
import { insertNote, insertProcess, insertUser } from "../support/fixtures";

useTestDatabase();

test("the panel reads the newest entries of notes and system entries together, and counts them all", async () => {
  const seller = await insertUser("salesperson");
  const { id: processId } = await insertProcess(seller.id, { customer: { firstName: "Ala", lastName: "Przeplatana" } });
  const start = Date.parse("2026-11-01T10:00:00Z");
  // Minutes 1–12: notes, except an event every third minute, and the newest three minutes all events.
  for (let minute = 1; minute <= 15; minute++) {
    const at = new Date(start + minute * 60_000);
    if (minute % 3 === 0 || minute > 12) {
      await transaction((tx) =>
        tx.insert(processEvents).values({
          processId,
          userId: seller.id,
          kind: "status",
          fromValue: "new",
          toValue: "in_progress",
          createdAt: at,
        }),
      );
    } else {
      await insertNote(processId, seller.id, {
        initiative: "dealer",
        type: "phone",
        content: `Notatka ${minute}`,
        notifyOwner: false,
        createdAt: at,
      });
    }
  }

  const panel = (await getProcessPanel({ user: seller, id: processId, historyLimit: 5 }))!;
  expect(panel.historyTotal).toBe(15);
  expect(panel.history.map((entry) => [entry.type, (entry.at.getTime() - start) / 60_000])).toEqual([
    ["event", 15],
    ["event", 14],
    ["event", 13],
    ["event", 12],
    ["note", 11],
  ]);
  const whole = (await getProcessPanel({ user: seller, id: processId }))!;
  expect(whole.history).toHaveLength(15);
  expect(whole.historyTotal).toBe(15);
  // The total comes with the newest rows: a panel that shows none still counts them all.
  const none = (await getProcessPanel({ user: seller, id: processId, historyLimit: 0 }))!;
  expect(none.history).toEqual([]);
  expect(none.historyTotal).toBe(15);
});
