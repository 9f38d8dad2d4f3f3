import { and, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { reportMissedFirstContacts } from "@/lib/leads/first-contact";
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
