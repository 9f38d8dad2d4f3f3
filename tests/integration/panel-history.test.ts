import { transaction } from "@/db/client";
import { processEvents } from "@/db/schema";
import { getProcessPanel } from "@/lib/processes/panel";
import { useTestDatabase } from "../support/database";
import { attachTestFile, insertNote, insertProcess, insertShowroom, insertTask, insertUser } from "../support/fixtures";

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

test("the panel gives each task its own files, in upload order, and names people and showrooms by id", async () => {
  const seller = await insertUser("salesperson");
  const colleague = await insertUser("salesperson");
  const showroom = await insertShowroom({ name: "Salon Północ" });
  const { id: processId, showroomId } = await insertProcess(seller.id, {
    customer: { firstName: "Ola", lastName: "Plikowa" },
  });
  const first = await insertTask(processId, seller.id, { startAt: new Date("2026-12-01T09:00:00Z") });
  const bare = await insertTask(processId, seller.id, { startAt: new Date("2026-12-02T09:00:00Z") });
  const last = await insertTask(processId, seller.id, { startAt: new Date("2026-12-03T09:00:00Z") });
  await attachTestFile(last.id, seller.id, "umowa.pdf");
  await attachTestFile(first.id, seller.id, "oferta.pdf");
  await attachTestFile(first.id, seller.id, "cennik.pdf");
  await attachTestFile(last.id, seller.id, "zdjęcie.pdf");
  const at = new Date("2026-12-01T12:00:00Z");
  await transaction((tx) =>
    tx.insert(processEvents).values([
      {
        processId,
        userId: seller.id,
        kind: "owner",
        fromValue: String(seller.id),
        toValue: String(colleague.id),
        createdAt: at,
      },
      {
        processId,
        userId: colleague.id,
        kind: "showroom",
        fromValue: String(showroomId),
        toValue: String(showroom.id),
        createdAt: at,
      },
    ]),
  );

  const panel = (await getProcessPanel({ user: seller, id: processId, now: new Date("2026-11-30T12:00:00Z") }))!;
  expect(panel.tasks.map((task) => [task.id, task.files.map((file) => [file.originalName, file.taskId])])).toEqual([
    [
      first.id,
      [
        ["oferta.pdf", first.id],
        ["cennik.pdf", first.id],
      ],
    ],
    [bare.id, []],
    [
      last.id,
      [
        ["umowa.pdf", last.id],
        ["zdjęcie.pdf", last.id],
      ],
    ],
  ]);
  expect(panel.owner).toEqual({ id: seller.id, name: seller.name, active: true });
  expect(panel.severalShowrooms).toBe(true);
  const [showroomChange, ownerChange] = panel.history.map((entry) =>
    entry.type === "event" ? [entry.event.kind, entry.authorName, entry.fromName, entry.toName] : null,
  );
  expect([showroomChange, ownerChange].sort()).toEqual(
    [
      ["owner", seller.name, seller.name, colleague.name],
      ["showroom", colleague.name, panel.showroomName, "Salon Północ"],
    ].sort(),
  );
});
