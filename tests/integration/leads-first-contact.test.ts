import { and, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { reportMissedFirstContacts } from "@/lib/leads/first-contact";
import { leadNumbers } from "@/lib/stats/leads";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";
import { insertLeadSource, leadShowroom, postJson } from "../support/leads";

const db = useTestDatabase();

test("a first contact not made in time notifies the managers of the process's showroom, once; one made in time notifies nobody", async () => {
  const { showroom, admin, people } = await leadShowroom(2);
  const manager = await insertUser("manager", { showroomIds: [showroom.id] });
  const elsewhere = await leadShowroom(0);
  const otherManager = await insertUser("manager", { showroomIds: [elsewhere.showroom.id] });
  const source = await insertLeadSource(admin, { showroomId: showroom.id, firstContactMinutes: 10 });

  const late = (await (
    await postJson({ firstName: "Marek", lastName: "Spóźniony", phone: "+48607000001" }, source.key)
  ).json()) as {
    processId: number;
  };
  const onTime = (await (await postJson({ phone: "+48607000002" }, source.key)).json()) as { processId: number };
  await transaction((tx) =>
    tx
      .update(tasks)
      .set({ state: "done", doneAt: new Date(), doneById: people[1].id })
      .where(eq(tasks.processId, onTime.processId))
      .returning(),
  );

  const missedOf = (userId: number) =>
    db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, "first_contact_missed")));

  expect(await reportMissedFirstContacts({ now: new Date(Date.now() + 9 * 60_000) })).toBe(0);
  expect(await missedOf(manager.id)).toEqual([]);

  const later = new Date(Date.now() + 11 * 60_000);
  expect(await reportMissedFirstContacts({ now: later })).toBe(1);
  const [notice] = await missedOf(manager.id);
  expect(notice).toMatchObject({ processId: late.processId });
  expect(notice.message).toContain(people[0].name);
  expect(notice.message).toContain("Marek Spóźniony");
  expect(await missedOf(otherManager.id)).toEqual([]);

  expect(await reportMissedFirstContacts({ now: new Date(later.getTime() + 60_000) })).toBe(0);
  expect(await missedOf(manager.id)).toHaveLength(1);
});

test("Statystyki: leads received and the median time to first contact per salesperson, per source and per showroom, as the viewer may count them", async () => {
  const { showroom, admin, people } = await leadShowroom(2);
  const web = await insertLeadSource(admin, { showroomId: showroom.id, name: "Strona WWW salonu" });
  const portal = await insertLeadSource(admin, { showroomId: showroom.id, name: "Portal ogłoszeń" });
  const manager = await insertUser("manager", { showroomIds: [showroom.id] });
  const outsider = await insertUser("manager", { showroomIds: [(await leadShowroom(0)).showroom.id] });

  // people[0] gets leads 1 and 3, people[1] leads 2 and 4 (the rotation).
  const minutes = [10, 5, 30, null];
  let phone = 608_000_000;
  for (const [i, after] of minutes.entries()) {
    const response = await postJson({ phone: `+48${++phone}` }, (i < 2 ? web : portal).key);
    const { processId } = (await response.json()) as { processId: number };
    if (after === null) continue;
    const [task] = await db().select().from(tasks).where(eq(tasks.processId, processId));
    await transaction((tx) =>
      tx
        .update(tasks)
        .set({ state: "done", doneAt: new Date(task.createdAt.getTime() + after * 60_000), doneById: task.assigneeId })
        .where(eq(tasks.id, task.id))
        .returning(),
    );
  }
  const period = { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 3_600_000) };
  const asManager = await leadNumbers({ viewer: manager, period });
  expect(asManager.bySalesperson.map((row) => [row.id, row.received, row.medianFirstContactMinutes]).sort()).toEqual(
    [
      [people[0].id, 2, 20],
      [people[1].id, 2, 5],
    ].sort(),
  );
  expect(asManager.bySource.map((row) => [row.name, row.received, row.medianFirstContactMinutes])).toEqual([
    ["Portal ogłoszeń", 2, 30],
    ["Strona WWW salonu", 2, 8],
  ]);
  expect(asManager.byShowroom.get(showroom.id)).toEqual({ received: 4, medianFirstContactMinutes: 10 });

  const own = await leadNumbers({ viewer: people[1], period });
  expect(own.bySalesperson.map((row) => row.id)).toEqual([people[1].id]);
  expect((await leadNumbers({ viewer: outsider, period })).bySalesperson).toEqual([]);
});
